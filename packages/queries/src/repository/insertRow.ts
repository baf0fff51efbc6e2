import { is, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { RepositoryContext } from './context.ts';
import { insertableColumns, runtimeDefault } from './insertColumns.ts';
import { rowsFor } from './preparedCache.ts';

/** Per table, the columns drizzle fills at run time when a row leaves them out, worked out once. */
const RUNTIME_DEFAULTS = new WeakMap<PgTable, [string, () => unknown][]>();

function runtimeDefaults(table: PgTable): [string, () => unknown][] {
  let found = RUNTIME_DEFAULTS.get(table);
  if (!found) {
    found = insertableColumns(table).flatMap(([key, column]) => {
      const fill = runtimeDefault(column);
      return fill ? [[key, fill] as [string, () => unknown]] : [];
    });
    RUNTIME_DEFAULTS.set(table, found);
  }
  return found;
}

/**
 * One row inserted and returned, with the INSERT compiled once per set of columns (see rowsFor): the
 * values travel as placeholders, so a transaction builds nothing. Columns the row leaves out get what
 * drizzle's builder gives them: a `$defaultFn` (or `$onUpdate` without an SQL default) called once for
 * this row, else the database's DEFAULT. When a value is SQL (given, or what a runtime default returned)
 * the INSERT is built by drizzle for this call, with the defaults already called passed in, never twice.
 *
 * @example
 * const [row] = await insertRow(ctx, { email: 'a@b.co' });
 */
export async function insertRow(ctx: RepositoryContext, value: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const params: Record<string, unknown> = {};
  let inline = false;
  for (const key of Object.keys(value)) {
    const given = value[key];
    if (given === undefined) continue;
    params[key] = given;
    if (is(given, SQL)) inline = true;
  }
  for (const [key, fill] of runtimeDefaults(ctx.table)) {
    if (key in params) continue;
    const filled = fill();
    params[key] = filled;
    if (is(filled, SQL)) inline = true;
  }
  if (inline) return ctx.q.insert(ctx.table).values(params).returning();
  // One shape per set of columns, whatever order the input named them in.
  const keys = Object.keys(params).sort();
  return (await rowsFor(ctx, `insert:${keys.join(',')}`, () => ({
    query: ctx.q
      .insert(ctx.table)
      .values(Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])))
      .returning(),
    columns: Object.entries(ctx.columns),
  })).execute(params)) as Record<string, unknown>[];
}
