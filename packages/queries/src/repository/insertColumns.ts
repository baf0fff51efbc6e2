import { getTableColumns, is, Param, Placeholder, SQL, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The columns an INSERT names, as drizzle builds it: every column of the table except generated ones
 * (`generatedAlwaysAs`, identity `always`), keyed by property name.
 *
 * @example
 * const columns = insertableColumns(leads); // [['id', leads.id], ['name', leads.name], …]
 */
export function insertableColumns(table: PgTable): [string, Column][] {
  return Object.entries(getTableColumns(table)).filter(([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert());
}

/**
 * What drizzle calls for a column a row leaves out: its `$defaultFn` (`$default`), or its `$onUpdate`
 * when it has no SQL default. Undefined when the column takes the database's default (`DEFAULT`).
 *
 * @example
 * const fill = runtimeDefault(table.id); // () => crypto.randomUUID() for `.$defaultFn(randomUUID)`
 */
export function runtimeDefault(column: Column): (() => unknown) | undefined {
  if (column.defaultFn) return column.defaultFn;
  if (column.default === undefined && column.onUpdateFn) return column.onUpdateFn;
  return undefined;
}

/**
 * How many parameters drizzle binds for one row of a multi-row INSERT: one per column with a given
 * value or a runtime default, those inside a given SQL value, none for a column left to `DEFAULT`.
 *
 * @example
 * const perRow = boundParameters(row, insertableColumns(table));
 */
export function boundParameters(row: Record<string, unknown>, columns: readonly [string, Column][]): number {
  let n = 0;
  for (const [key, column] of columns) {
    const value = row[key];
    if (value === undefined) n += runtimeDefault(column) ? 1 : 0;
    else n += is(value, SQL) ? parametersIn(value) : 1;
  }
  return n;
}

/** Parameters an SQL fragment binds: params, placeholders and interpolated plain values. */
function parametersIn(chunk: unknown): number {
  if (is(chunk, SQL)) return chunk.queryChunks.reduce((n: number, c) => n + parametersIn(c), 0);
  if (Array.isArray(chunk)) return chunk.reduce((n: number, c) => n + parametersIn(c), 0);
  if (is(chunk, Param) || is(chunk, Placeholder)) return 1;
  // Strings of SQL text, columns, tables and names are entities; anything else is bound as a value.
  return chunk !== null && typeof chunk === 'object' ? 0 : 1;
}
