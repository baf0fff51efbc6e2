import { noopEncoder, Param, SQL, StringChunk } from 'drizzle-orm';

/**
 * Binds a raw statement's parameters so that both engines read them alike:
 * - a `Date` as its ISO string: postgres.js refuses a `Date` for a parameter the server typed as a date
 *   or timestamp once drizzle has made its date serialisers transparent, while PGlite accepts it;
 * - a boolean or a `bigint` with an explicit `::boolean` / `::int8`: postgres.js types those parameters
 *   from the JS value, PGlite leaves them untyped, so `select ${true}` was `true` on PostgreSQL and
 *   `'true'` on PGlite. The cast gives both what postgres.js (production) does.
 * Values a column encodes (a `Param` with the column as encoder) are typed by their context already and stay.
 *
 * @example
 * await db.execute(portableParams(sql`select ${true} as t where created_at > ${since}`));
 */
export function portableParams(query: SQL): SQL {
  return new SQL(query.queryChunks.map(portableChunk) as SQL['queryChunks']);
}

function portableChunk(chunk: unknown): unknown {
  if (chunk instanceof SQL) return portableParams(chunk);
  // drizzle binds each item of an interpolated array as its own parameter: `in ${[a, b]}`.
  if (Array.isArray(chunk)) return chunk.map(portableChunk);
  if (chunk instanceof Param) return chunk.encoder !== noopEncoder ? chunk : portableValue(chunk.value, chunk);
  return portableValue(chunk, chunk);
}

function portableValue(value: unknown, original: unknown): unknown {
  if (value instanceof Date) return new Param(value.toISOString());
  if (typeof value === 'boolean') return typed(value, 'boolean');
  if (typeof value === 'bigint') return typed(value, 'int8');
  return original;
}

function typed(value: unknown, type: string): SQL {
  return new SQL([new StringChunk('('), new Param(value), new StringChunk(`::${type})`)]);
}
