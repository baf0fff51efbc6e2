// Guide section "Raw SQL Queries".
import { execute, type OrgDb } from '@org/queries';
import { sessions, users } from '@org/schema';
import { sql } from 'drizzle-orm';

/** The guide's result type. */
export interface UserStats {
  id: string;
  email: string;
  session_count: number;
}

/**
 * Users created since `startDate` with their session counts, most sessions first. Three changes: the
 * table names (claude_code_users / claude_code_sessions are @org's users / sessions, #13 decision;
 * interpolated so drizzle writes them), the count cast to int (count() is a bigint, read as a string),
 * and @org's `execute` instead of `db.execute(…).rows`: it returns the rows on both engines (drizzle's
 * postgres.js result is an array without `.rows`) and binds the `Date` (drizzle's postgres.js path
 * refuses a Date in raw SQL).
 *
 * @example
 * const stats = await userSessionStats(db, new Date('2024-01-01'), 10);
 */
export async function userSessionStats(db: OrgDb, startDate: Date, limit: number): Promise<UserStats[]> {
  // guide: const result = await db.execute(sql`…`); … const stats = result.rows as UserStats[];
  const stats = await execute<UserStats & Record<string, unknown>>(
    db,
    sql`
    SELECT u.*, COUNT(s.id)::int as session_count
    FROM ${users} u
    LEFT JOIN ${sessions} s ON u.id = s.user_id
    WHERE u.created_at >= ${startDate}
    GROUP BY u.id
    ORDER BY session_count DESC
    LIMIT ${limit}
  `,
  );
  // guide: FROM claude_code_users u LEFT JOIN claude_code_sessions s …, COUNT(s.id) as session_count

  return stats;
}
