// FreshSlate's "Performance Optimization" and "Troubleshooting": the indexes, query plans and slow
// queries the guide tells the team to look at.
import { execute, slowestStatements, type OrgDb, type SlowestStatements } from '@org/queries';
import { sql, type SQL } from 'drizzle-orm';

// guide: CREATE INDEX idx_leads_created_at_desc … idx_partner_matching (run by hand) → ours: not run:
// @org's migrations create every one of them on leads, with the same names and predicates.

/**
 * The indexes of `leads` with their definitions, by name (to check the guide's indexes are there).
 *
 * @example
 * const defs = await leadIndexes(db); defs.get('idx_leads_email_lower');
 */
export async function leadIndexes(db: OrgDb): Promise<Map<string, string>> {
  const rows = await execute<{ indexname: string; indexdef: string }>(
    db,
    sql`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'leads' order by indexname`,
  );
  return new Map(rows.map((r) => [r.indexname, r.indexdef]));
}

/**
 * The plan of a query, one line per element ("check query plans with EXPLAIN ANALYZE"). With
 * `analyze` the query really runs: use it on reads.
 *
 * @example
 * console.log((await explain(db, sql`select * from leads where lower(email) = ${email}`)).join('\n'));
 */
export async function explain(db: OrgDb, query: SQL, options: { analyze?: boolean } = {}): Promise<string[]> {
  const prefix = options.analyze ? sql.raw('explain (analyze, costs off, timing off, summary off) ') : sql.raw('explain (costs off) ');
  const rows = await execute<{ 'QUERY PLAN': string }>(db, sql`${prefix}${query}`);
  return rows.map((r) => r['QUERY PLAN']);
}

/**
 * The slowest statements ("monitor slow queries: use pg_stat_statements"), or why the server cannot
 * say (PGlite, extension not installed or not preloaded), never a raw error.
 *
 * @example
 * const slow = await slowQueries(db); if (slow.available) console.table(slow.statements);
 */
export async function slowQueries(db: OrgDb, limit = 10): Promise<SlowestStatements> {
  return await slowestStatements(db, { limit });
}
