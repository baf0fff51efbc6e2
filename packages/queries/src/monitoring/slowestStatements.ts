import { sql } from 'drizzle-orm';
import { isDataLayerError } from '../errors/DataLayerError.ts';
import { ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { execute } from '../internal/execute.ts';
import { toCount, type Count } from './count.ts';

/** One normalised statement and its cumulative cost, from `pg_stat_statements`. */
export interface StatementStats {
  /** The statement as pg_stat_statements normalised it: constants replaced by `$1`, `$2`, … — never a value. */
  query: string;
  calls: Count;
  /** Total execution time, ms. */
  totalTimeMs: number;
  /** Mean execution time per call, ms. */
  meanTimeMs: number;
  /** Rows returned or affected, all calls together. */
  rows: Count;
}

/** Why {@link slowestStatements} has nothing to report. */
export type StatementsUnavailableCode = 'NOT_AVAILABLE' | 'NOT_INSTALLED' | 'NOT_LOADED' | 'NOT_PERMITTED' | 'SERVER_TOO_OLD';

/** The slowest statements, or why they cannot be read on this database. */
export type SlowestStatements = { available: true; statements: StatementStats[] } | { available: false; code: StatementsUnavailableCode; reason: string };

/** Options of {@link slowestStatements}. */
export interface SlowestStatementsOptions {
  /** How many statements, 1–1000. Default 20. */
  limit?: number;
  /** Rank by mean time per call (the default, as the seeds do) or by total time (where the load is). */
  orderBy?: 'mean' | 'total';
}

const ENABLE = 'add pg_stat_statements to shared_preload_libraries, restart the server, then run `create extension pg_stat_statements` in this database';

/**
 * The slowest statements run in the current database, from `pg_stat_statements` when the extension
 * is installed and readable; otherwise `{ available: false, code, reason }` saying why and how to enable
 * it — never a raw undefined-table or prerequisite error. PGlite ships without the extension. Query texts
 * are the extension's normalised ones (constants as `$n`); statements of other roles read
 * `<insufficient privilege>` unless the reader has `pg_read_all_stats`. Needs PostgreSQL ≥ 13.
 *
 * @example
 * const slow = await slowestStatements(database.db, { limit: 10 });
 * if (slow.available) for (const s of slow.statements) console.log(s.meanTimeMs.toFixed(1), s.calls, s.query);
 * else console.warn(slow.reason);
 */
export async function slowestStatements(db: AnyDb, options: SlowestStatementsOptions = {}): Promise<SlowestStatements> {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ValidationError('limit must be an integer from 1 to 1000');
  const orderBy = options.orderBy ?? 'mean';
  if (orderBy !== 'mean' && orderBy !== 'total') throw new ValidationError("orderBy must be 'mean' or 'total'");

  const [probe] = await execute<{ version: unknown; schema: string | null; offered: boolean }>(
    db,
    sql`select current_setting('server_version_num')::int as version,
          (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_stat_statements') as schema,
          exists (select 1 from pg_available_extensions where name = 'pg_stat_statements') as offered`,
  );
  if (Number(probe?.version) < 130000) {
    return {
      available: false,
      code: 'SERVER_TOO_OLD',
      reason: 'pg_stat_statements is read with PostgreSQL 13+ columns (total_exec_time); this server is older',
    };
  }
  if (!probe?.schema) {
    return probe?.offered
      ? { available: false, code: 'NOT_INSTALLED', reason: `pg_stat_statements is not installed in this database (${ENABLE})` }
      : {
          available: false,
          code: 'NOT_AVAILABLE',
          reason: 'pg_stat_statements is not available on this server (not shipped with it, e.g. PGlite; install the postgresql contrib package)',
        };
  }
  const view = sql`${sql.identifier(probe.schema)}.pg_stat_statements`;
  const rank = orderBy === 'mean' ? sql`mean_exec_time` : sql`total_exec_time`;
  try {
    const rows = await execute(
      db,
      sql`select query, calls, total_exec_time as total, mean_exec_time as mean, rows
          from ${view}
          where dbid = (select oid from pg_database where datname = current_database())
          order by ${rank} desc
          limit ${limit}`,
    );
    const statements = rows.map((r) => ({
      query: String(r.query),
      calls: toCount(r.calls),
      totalTimeMs: Number(r.total),
      meanTimeMs: Number(r.mean),
      rows: toCount(r.rows),
    }));
    return { available: true, statements };
  } catch (error) {
    // 55000: created but the library is not preloaded; 42501: the reader may not see it.
    if (isDataLayerError(error) && error.sqlState === '55000') {
      return { available: false, code: 'NOT_LOADED', reason: `pg_stat_statements is installed but not loaded (${ENABLE})` };
    }
    if (isDataLayerError(error) && error.sqlState === '42501') {
      return { available: false, code: 'NOT_PERMITTED', reason: 'pg_stat_statements is installed but this role may not read it (grant pg_read_all_stats)' };
    }
    throw error;
  }
}
