import { sql } from 'drizzle-orm';
import type { AnyDb } from '../internal/OrgDb.ts';
import { execute } from '../internal/execute.ts';
import { checkSchemaOption } from './checkSchemaOption.ts';
import { toCount, toDate, type Count } from './count.ts';

/** One user table's activity and maintenance, from `pg_stat_user_tables`. */
export interface TableStats {
  schema: string;
  table: string;
  /** Estimated live rows (`n_live_tup`). */
  liveTuples: Count;
  /** Estimated dead rows waiting for vacuum (`n_dead_tup`). */
  deadTuples: Count;
  /** Sequential scans started. */
  seqScans: Count;
  /** Index scans started; `null` when the table has no index. */
  indexScans: Count | null;
  lastVacuum: Date | null;
  lastAutovacuum: Date | null;
  lastAnalyze: Date | null;
  lastAutoanalyze: Date | null;
}

/**
 * Live and dead tuples, last (auto)vacuum and (auto)analyze, and sequential versus index scans of
 * every user table (or those of one schema), most dead tuples first. Counters are those the server has
 * flushed (see {@link indexUsage}).
 *
 * @example
 * const bloated = (await tableStats(database.db)).filter((t) => Number(t.deadTuples) > 10_000);
 * // select … from pg_stat_user_tables order by n_dead_tup desc
 */
export async function tableStats(db: AnyDb, options: { schema?: string } = {}): Promise<TableStats[]> {
  const schema = checkSchemaOption(options.schema);
  // Timestamps as epoch ms: drizzle's postgres.js driver and PGlite parse timestamptz differently.
  const epoch = (column: string) => sql`(extract(epoch from ${sql.identifier(column)}) * 1000)::float8`;
  const rows = await execute(
    db,
    sql`select schemaname as "schema", relname as "table", n_live_tup as live, n_dead_tup as dead,
          seq_scan, idx_scan, ${epoch('last_vacuum')} as last_vacuum, ${epoch('last_autovacuum')} as last_autovacuum,
          ${epoch('last_analyze')} as last_analyze, ${epoch('last_autoanalyze')} as last_autoanalyze
        from pg_stat_user_tables
        where ${schema}::text is null or schemaname = ${schema}::text
        order by n_dead_tup desc, schemaname, relname`,
  );
  return rows.map((r) => ({
    schema: String(r.schema),
    table: String(r.table),
    liveTuples: toCount(r.live),
    deadTuples: toCount(r.dead),
    seqScans: toCount(r.seq_scan),
    indexScans: r.idx_scan === null ? null : toCount(r.idx_scan),
    lastVacuum: toDate(r.last_vacuum),
    lastAutovacuum: toDate(r.last_autovacuum),
    lastAnalyze: toDate(r.last_analyze),
    lastAutoanalyze: toDate(r.last_autoanalyze),
  }));
}
