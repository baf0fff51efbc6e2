import { sql } from 'drizzle-orm';
import type { AnyDb } from '../internal/OrgDb.ts';
import { execute } from '../internal/execute.ts';
import { checkSchemaOption } from './checkSchemaOption.ts';
import { toCount, type Count } from './count.ts';

/** One index and how it has been used since the statistics were last reset. */
export interface IndexUsage {
  schema: string;
  table: string;
  index: string;
  /** Index scans started (`idx_scan`). */
  scans: Count;
  /** Index entries returned by those scans (`idx_tup_read`). */
  tuplesRead: Count;
  /** Live table rows fetched through it by plain index scans (`idx_tup_fetch`). */
  tuplesFetched: Count;
  /** On-disk size of the index, in bytes (`pg_relation_size(indexrelid)`). */
  sizeBytes: Count;
  /** Never scanned (`idx_scan = 0`). A unique or primary-key index may still be needed: it enforces a constraint. */
  unused: boolean;
  unique: boolean;
  primary: boolean;
}

interface Row extends Record<string, unknown> {
  schema: string;
  table: string;
  index: string;
  scans: unknown;
  tuples_read: unknown;
  tuples_fetched: unknown;
  size_bytes: unknown;
  unique: boolean;
  primary: boolean;
}

/**
 * Usage of every user index (or those of one schema), largest first — the seeds' "index usage"
 * query with the right catalog columns: `pg_stat_user_indexes` names the table `relname` and the index
 * `indexrelname` (there is no `tablename`/`indexname` there, those are `pg_indexes`), and the size is
 * `pg_relation_size(indexrelid)`, the index's own oid (not `relid`, the table's). Statistics are those
 * the server has flushed: a backend reports its counters when it goes idle, at most about once a second.
 *
 * @example
 * const unused = (await indexUsage(database.db, { schema: 'public' })).filter((i) => i.unused && !i.unique);
 * // select … from pg_stat_user_indexes s join pg_index i on i.indexrelid = s.indexrelid where s.schemaname = $1
 */
export async function indexUsage(db: AnyDb, options: { schema?: string } = {}): Promise<IndexUsage[]> {
  const schema = checkSchemaOption(options.schema);
  const rows = await execute<Row>(
    db,
    sql`select s.schemaname as "schema", s.relname as "table", s.indexrelname as "index",
          s.idx_scan as scans, s.idx_tup_read as tuples_read, s.idx_tup_fetch as tuples_fetched,
          pg_relation_size(s.indexrelid) as size_bytes, i.indisunique as "unique", i.indisprimary as "primary"
        from pg_stat_user_indexes s
        join pg_index i on i.indexrelid = s.indexrelid
        where ${schema}::text is null or s.schemaname = ${schema}::text
        order by pg_relation_size(s.indexrelid) desc, s.schemaname, s.relname, s.indexrelname`,
  );
  return rows.map((r) => {
    const scans = toCount(r.scans);
    return {
      schema: r.schema,
      table: r.table,
      index: r.index,
      scans,
      tuplesRead: toCount(r.tuples_read),
      tuplesFetched: toCount(r.tuples_fetched),
      sizeBytes: toCount(r.size_bytes),
      unused: scans === 0,
      unique: r.unique,
      primary: r.primary,
    };
  });
}
