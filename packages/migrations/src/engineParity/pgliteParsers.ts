/**
 * PGlite parsers that read values as postgres.js does, so the same query gives the same types on both
 * engines: int8 as an exact decimal string (PGlite's default gives a number, or a `bigint` beyond
 * 2^53, so raw `count(*)` was a number on PGlite and a string on PostgreSQL) and bytea as a `Buffer`.
 * PGlite parses array elements with these too (`int8[]`). Column mappers accept both forms, so
 * drizzle's typed reads (`bigint` columns in number or bigint mode) are unchanged. Shared by
 * `@org/queries`' createDatabase and `@org/testing`'s fixtures, so tests read what production reads.
 *
 * @example
 * const client = new PGlite({ parsers: PGLITE_PARSERS });
 */
export const PGLITE_PARSERS: Record<number, (value: string) => unknown> = {
  20: (value) => value,
  17: (value) => Buffer.from(value.slice(2), 'hex'),
};
