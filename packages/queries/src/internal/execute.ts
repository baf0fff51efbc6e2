import type { SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import { normalisePgliteRows, type PgliteResult } from '../driver/normaliseRows.ts';
import { portableParams } from './portableParams.ts';

/**
 * Runs raw SQL and returns its rows, the same value and type on both engines: an array of row objects
 * (postgres.js returns an array, PGlite `{ rows, fields }`), `bigint` (int8) values such as `count(*)`
 * as exact decimal strings (PGlite gives numbers), bytea as `Buffer`, `NULL` array elements as `null`,
 * and parameters bound alike (a `Date` accepted on both; a boolean or `bigint` typed as postgres.js
 * types it). Database errors are the typed data-layer errors. The row type is the caller's to state.
 *
 * @example
 * const [row] = await execute<{ n: string }>(db, sql`select count(*) as n from users where created_at > ${since}`);
 */
export async function execute<T extends Record<string, unknown> = Record<string, unknown>>(
  db: PgDatabase<PgQueryResultHKT, any>,
  query: SQLWrapper,
): Promise<T[]> {
  let result: unknown;
  try {
    result = await db.execute(portableParams(query.getSQL()));
  } catch (error) {
    throw mapDatabaseError(error);
  }
  if (Array.isArray(result)) return [...result] as T[];
  return normalisePgliteRows(result as PgliteResult) as T[];
}
