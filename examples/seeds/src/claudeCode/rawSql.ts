// Guide section "Raw SQL Queries".
import { rowsOf, type OrgDb } from '@org/queries';
import { sessions, users } from '@org/schema';
import { sql } from 'drizzle-orm';

/** The guide's result type. */
export interface UserStats {
  id: string;
  email: string;
  session_count: number;
}

/**
 * Users created since `startDate` with their session counts, most sessions first. Four lines change:
 * the table names (claude_code_users / claude_code_sessions are @org's users / sessions, #13 decision;
 * interpolated so drizzle writes them), the count cast to int (count() is a bigint, read as a string),
 * the date bound as text (postgres.js refuses a Date in raw SQL), and `result.rows` (postgres.js
 * returns an array: rowsOf reads both engines).
 *
 * @example
 * const stats = await userSessionStats(db, new Date('2024-01-01'), 10);
 */
export async function userSessionStats(db: OrgDb, startDate: Date, limit: number): Promise<UserStats[]> {
  const result = await db.execute(sql`
    SELECT u.*, COUNT(s.id)::int as session_count
    FROM ${users} u
    LEFT JOIN ${sessions} s ON u.id = s.user_id
    WHERE u.created_at >= ${startDate.toISOString()}
    GROUP BY u.id
    ORDER BY session_count DESC
    LIMIT ${limit}
  `);
  // guide: FROM claude_code_users u LEFT JOIN claude_code_sessions s; COUNT(s.id); ${startDate}

  const stats = rowsOf<UserStats>(result); // guide: result.rows as UserStats[]
  return stats;
}
