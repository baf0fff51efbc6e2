import { is, Param, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { dialectOf, type DialectLike } from '../driver/rowStatement.ts';
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
 * this row, else the database's default. When a value is SQL (given, or what a runtime default returned)
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
  const dialect = dialectOf(ctx.db);
  return (await rowsFor(ctx, `insert:${keys.join(',')}`, () => {
    const builder = ctx.q
      .insert(ctx.table)
      .values(Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)])))
      .returning();
    return {
      // drizzle's own INSERT names every column (`default` for the ones not given); PGlite parses and plans
      // each statement anew, so the compiled one names only the given columns. Same rows, same defaults.
      query: dialect ? { toSQL: () => dialect.sqlToQuery(namedColumnsInsert(ctx, dialect, keys)), prepare: (name: string) => builder.prepare(name) } : builder,
      columns: Object.entries(ctx.columns),
    };
  }).execute(params)) as Record<string, unknown>[];
}

/**
 * `insert into <table> (<given columns>) values (<placeholders>) returning <every column>` (or `default
 * values` when no column is given), in the dialect's casing.
 */
function namedColumnsInsert(ctx: RepositoryContext, dialect: DialectLike, keys: readonly string[]): SQL {
  const name = (key: string) => sql.identifier(dialect.casing.getColumnCasing(ctx.columns[key]!));
  const list = (parts: Parameters<typeof sql.join>[0]) => sql.join(parts, sql`, `);
  // A Param holding a placeholder: filled per run and encoded by the column, as drizzle's builder binds it.
  const values = keys.map((key) => sql`${new Param(sql.placeholder(key), ctx.columns[key]!)}`);
  const returning = list(Object.keys(ctx.columns).map(name));
  // A row that gives no column at all (every one has a default): `()` is not SQL.
  if (keys.length === 0) return sql`insert into ${ctx.table} default values returning ${returning}`;
  return sql`insert into ${ctx.table} (${list(keys.map(name))}) values (${list(values)}) returning ${returning}`;
}
