import { Param, SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';

const INT8 = 20;

/** A result as PGlite returns it: rows plus the fields' type ids. */
interface PgliteResult {
  rows: Record<string, unknown>[];
  fields?: { name: string; dataTypeID: number }[];
}

/**
 * Dates bound as ISO strings: postgres.js refuses a `Date` for a parameter the server typed as a date
 * or timestamp once drizzle has made its date serialisers transparent, while PGlite accepts it.
 */
function withPortableParams(query: SQL): SQL {
  const chunks = query.queryChunks.map((chunk): unknown => {
    if (chunk instanceof Date) return chunk.toISOString();
    if (chunk instanceof Param && chunk.value instanceof Date && !chunk.encoder) return new Param(chunk.value.toISOString());
    if (chunk instanceof SQL) return withPortableParams(chunk);
    return chunk;
  });
  return new SQL(chunks as SQL['queryChunks']);
}

/**
 * Runs raw SQL and returns its rows, the same value and type on both engines: an array of row objects
 * (postgres.js returns an array, PGlite `{ rows, fields }`), `bigint` (int8) values such as `count(*)`
 * as exact decimal strings (PGlite gives numbers), and `Date` parameters accepted on both. Database
 * errors are the typed data-layer errors. The row type is the caller's to state.
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
    result = await db.execute(withPortableParams(query.getSQL()));
  } catch (error) {
    throw mapDatabaseError(error);
  }
  if (Array.isArray(result)) return [...result] as T[];
  const { rows, fields = [] } = result as PgliteResult;
  const int8 = fields.filter((f) => f.dataTypeID === INT8).map((f) => f.name);
  if (int8.length === 0) return rows as T[];
  return rows.map((row) => {
    const out = { ...row };
    for (const name of int8) if (out[name] !== null && out[name] !== undefined) out[name] = String(out[name]);
    return out as T;
  });
}
