// Statements compiled once and run on any db or transaction of one drizzle instance. drizzle's own
// prepared query is tied to the session it was prepared on, and a transaction is a new session: a
// repository used with `in(tx)` rebuilt every statement in every transaction. The text, parameters and
// row mapping depend only on the dialect (SQL casing) and the table, so they are built once per dialect
// and sent through whichever client the caller's db or transaction has. On postgres.js the server-side
// statement is still the connection's own (postgres.js prepares by text per connection); with
// `prepare: false` (PgBouncer) every run stays unnamed.
import { fillPlaceholders, type Column, type SQL } from 'drizzle-orm';
import type { AnyDb } from '../internal/OrgDb.ts';
import { driverOf, type Driver } from './driverOf.ts';

/** How one result column is read: drizzle's column mapper, or any function of the driver value. */
export type ColumnReader = Pick<Column, 'mapFromDriverValue'>;

/** Reads a computed column's value as the driver gives it. */
export const AS_IS: ColumnReader = { mapFromDriverValue: (value: unknown) => value };

/** A compiled statement returning rows: its text, parameters (placeholders filled per run) and columns. */
export interface RowStatement {
  /** Runs on `db` (the db or a transaction of the drizzle instance it was compiled for). */
  execute(db: AnyDb, values: Record<string, unknown>): Promise<Record<string, unknown>[]>;
  /** Runs on `db`, returning the extra columns' values (see compileRows) beside each row, in order. */
  executeWithExtras(db: AnyDb, values: Record<string, unknown>): Promise<RowsWithExtras>;
}

/** Rows of a table and, per row, the values of the computed columns read with them. */
export interface RowsWithExtras {
  rows: Record<string, unknown>[];
  extras: unknown[][];
}

/**
 * What a statement is compiled once for: the drizzle instance's dialect (its SQL casing) and driver. A
 * db with replicas is not a family (its reads choose a replica per query): undefined, like an unknown
 * driver, and callers keep drizzle's own prepared statements.
 *
 * @example
 * const family = statementFamily(tx); // the same object for db and every transaction of it
 */
export function statementFamily(db: AnyDb): object | undefined {
  if ('$primary' in db) return undefined;
  const dialect = dialectOf(db);
  return dialect && driverOf(db) ? dialect : undefined;
}

/** What the data layer uses of drizzle's dialect: the database name of a column (its casing option applied) and the text of SQL. */
export interface DialectLike {
  casing: { getColumnCasing(column: Column): string };
  sqlToQuery(sql: SQL): { sql: string; params: unknown[] };
}

/**
 * The dialect of a drizzle db or transaction (shared by a db and its transactions), for statements the
 * data layer writes itself.
 *
 * @example
 * const name = dialectOf(db)?.casing.getColumnCasing(users.email); // 'email'
 */
export function dialectOf(db: AnyDb): DialectLike | undefined {
  return (db as unknown as { dialect?: DialectLike }).dialect;
}

/**
 * Compiles a drizzle query whose result columns are `columns`, in order, then `options.extras` (computed
 * columns read beside each row: cursor keys, a window total). Undefined when this db cannot run it directly: an unknown driver, or on
 * PGlite a column whose value PGlite's default parsers read otherwise than drizzle's session does (see
 * {@link readsAlike}); callers then use drizzle's prepared statement. With `prepare: false` every run is
 * unnamed (postgres.js keeps nothing for it on the connection).
 *
 * @example
 * const byEmail = compileRows(db, db.select().from(users).where(eq(users.email, sql.placeholder('email'))), Object.entries(getTableColumns(users)));
 * const rows = await byEmail?.execute(tx, { email });
 */
export function compileRows(
  db: AnyDb,
  query: { toSQL(): { sql: string; params: unknown[] } },
  columns: readonly (readonly [string, ColumnReader])[],
  options: { prepare: boolean; extras?: readonly ColumnReader[] } = { prepare: true },
): RowStatement | undefined {
  const driver = driverOf(db);
  if (!driver || statementFamily(db) === undefined) return undefined;
  const extraReaders = options.extras ?? [];
  if (driver.kind === 'pglite' && ![...columns.map(([, column]) => column), ...extraReaders].every(readsAlike)) return undefined;
  const { sql: text, params } = query.toSQL();
  const { prepare } = options;
  const keys = columns.map(([key]) => key);
  const readers = columns.map(([, column]) => column);
  const read = (reader: ColumnReader, value: unknown) => (value === null || value === undefined ? null : reader.mapFromDriverValue(value));
  // Rows are built with the table's fields only (one hidden class for all of them); computed columns
  // travel beside them rather than as fields deleted later.
  const toRow = (values: unknown[]) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = read(readers[i]!, values[i]);
    return out;
  };
  const toExtras = (values: unknown[]) => extraReaders.map((reader, i) => read(reader, values[keys.length + i]));
  return {
    execute: async (target, values) => (await rowArrays(target, text, params, values, prepare)).map(toRow),
    executeWithExtras: async (target, values) => {
      const arrays = await rowArrays(target, text, params, values, prepare);
      return { rows: arrays.map(toRow), extras: arrays.map(toExtras) };
    },
  };
}

/**
 * Runs compiled text on the client under `target` with the placeholders filled, logged as drizzle logs
 * it, and returns the rows as arrays of driver values (what drizzle's own prepared queries map).
 *
 * @example
 * const rows = await rowArrays(tx, 'select "id" from "users" where "email" = $1', [sql.placeholder('email')], { email }, true);
 */
export async function rowArrays(target: AnyDb, text: string, params: unknown[], values: Record<string, unknown>, prepare: boolean): Promise<unknown[][]> {
  const on = driverOf(target) as Driver;
  const bound = fillPlaceholders(params, values);
  on.logger?.logQuery(text, bound);
  return on.kind === 'pglite'
    ? (await on.client.query<unknown[]>(text, bound, { rowMode: 'array' })).rows
    : // postgres.js sends a statement without parameters as a simple query (never prepared): a first
      // page with its limit in the text would be planned on every call.
      await on.client.unsafe(text, bound, { prepare: prepare && on.prepares, simple: false }).values();
}

/**
 * Whether PGlite's default parser gives this column's mapper what drizzle's PGlite session gives it.
 * That session reads timestamp, timestamptz, date and interval (and arrays of them and of numeric) as
 * text; PGlite's defaults make Dates of the first three. Only a timestamptz read as a `Date` maps the
 * same from both (`new Date(text)` either way). A string-mode timestamp read from a Date came back as
 * `'2026-03-01 00:00:00.000+00'` where PostgreSQL prints `'2026-03-01 00:00:00+00'`, a timestamp without
 * time zone was read in the process's time zone, and a numeric[] NULL element differed. Readers that
 * are not columns (computed values) are the caller's to keep engine-neutral.
 *
 * @example
 * if (driver.kind === 'pglite' && !columns.every(readsAlike)) return undefined; // keep drizzle's session
 */
export function readsAlike(reader: ColumnReader): boolean {
  const column = reader as Column;
  if (typeof column.getSQLType !== 'function') return true;
  const type = column.getSQLType().toLowerCase();
  if (type.endsWith(']')) return !/^(numeric|decimal|timestamp|date|interval)/.test(type);
  if (!/^(timestamp|date|interval)/.test(type)) return true;
  return column.columnType === 'PgTimestamp' && (column as Column & { withTimezone?: boolean }).withTimezone === true;
}
