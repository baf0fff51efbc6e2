import { Column, is, mapRelationalRow } from 'drizzle-orm';
import type { AnyDb } from '../internal/OrgDb.ts';
import { driverOf } from './driverOf.ts';
import { readsAlike, rowArrays, statementFamily } from './rowStatement.ts';

/** A relational query (`db.query.<table>.findMany/findFirst`) compiled once, run on any db or transaction of its drizzle instance. */
export interface RelationalStatement {
  execute(db: AnyDb, values: Record<string, unknown>): Promise<unknown[]>;
}

/** What drizzle's relational query keeps to map its rows (fields of PgRelationalQuery, read only here). */
interface RelationalQueryParts {
  schema: Parameters<typeof mapRelationalRow>[0];
  tableConfig: Parameters<typeof mapRelationalRow>[1];
  _getQuery(): { selection: Parameters<typeof mapRelationalRow>[3] };
  toSQL(): { sql: string; params: unknown[] };
}

/**
 * Compiles a drizzle relational query: its text and parameters once, its rows mapped as drizzle maps
 * them (related rows arrive as JSON, the root table's columns through their mappers). Undefined when
 * the db cannot run it directly (see compileRows): callers keep drizzle's prepared statement.
 *
 * @example
 * const read = compileRelational(db, db.query.users.findMany({ with: { projects: true }, where: … }), { prepare: true });
 * const rows = await read?.execute(tx, { id });
 */
export function compileRelational(db: AnyDb, query: unknown, options: { prepare: boolean }): RelationalStatement | undefined {
  const driver = driverOf(db);
  if (!driver || statementFamily(db) === undefined) return undefined;
  const parts = query as RelationalQueryParts;
  if (typeof parts._getQuery !== 'function' || !parts.tableConfig) return undefined;
  const { selection } = parts._getQuery();
  if (driver.kind === 'pglite' && !selection.every((item) => item.isJson || !is(item.field, Column) || readsAlike(item.field))) return undefined;
  const { sql: text, params } = parts.toSQL();
  return {
    execute: async (target, values) =>
      (await rowArrays(target, text, params, values, options.prepare)).map((row) => mapRelationalRow(parts.schema, parts.tableConfig, row, selection)),
  };
}
