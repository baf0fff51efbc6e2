// Guide section "Complex Queries".
import { execute } from '@org/queries';
import { projects } from '@org/schema';
import { and, eq, gte, like, sql } from 'drizzle-orm';
import { db } from './db.ts';

/**
 * Filtering with multiple conditions.
 *
 * @example
 * const active = await getActiveProjectsByUser(userId);
 */
export async function getActiveProjectsByUser(userId: string) {
  return db.query.projects.findMany({
    where: and(eq(projects.userId, userId), eq(projects.status, 'active')),
  });
}

/**
 * Using SQL operators. The search text is a bound parameter; `%` and `_` in it still act as LIKE
 * wildcards, as in the guide.
 *
 * @example
 * const found = await searchProjects('checkout', 50);
 */
export async function searchProjects(query: string, minScore: number) {
  return db.query.projects.findMany({
    where: and(like(projects.name, `%${query}%`), gte(projects.validationScore, minScore)),
  });
}

/** One row of {@link getProjectStats}: count and average as exact decimal strings. */
export interface ProjectStatsRow extends Record<string, unknown> {
  status: string;
  count: string;
  avg_score: string | null;
}

/**
 * Raw SQL when needed.
 *
 * @example
 * const stats = await getProjectStats(userId); // [{ status: 'draft', count: '2', avg_score: '35.0…' }]
 */
export async function getProjectStats(userId: string): Promise<ProjectStatsRow[]> {
  // guide: `db.execute(sql…)` → `execute<ProjectStatsRow>(db, sql…)`: db.execute returns an array on
  // postgres.js and `{ rows }` on PGlite, with count(*) a string on one and a number on the other;
  // @org's execute gives the same rows on both. The SQL is the guide's.
  return execute<ProjectStatsRow>(
    db,
    sql`
    SELECT
      status,
      COUNT(*) as count,
      AVG(validation_score) as avg_score
    FROM projects
    WHERE user_id = ${userId}
    GROUP BY status
  `,
  );
}
