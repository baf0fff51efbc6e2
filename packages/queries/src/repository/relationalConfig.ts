import { Column, SQL, is } from 'drizzle-orm';
import { ValidationError } from '../errors/errors.ts';
import type { ColumnMap } from './types.ts';

type TablesConfig = Record<string, { dbName: string; tsName: string; columns: ColumnMap; relations: Record<string, unknown> }>;

/** Deepest `with` nesting a relational read may have. */
const MAX_WITH_DEPTH = 4;
const KEYS = new Set(['columns', 'with', 'where', 'orderBy', 'limit', 'offset', 'extras']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * drizzle's `is()` for input that may be anything: `is()` itself reads the prototype's constructor and
 * throws a TypeError on an object without a prototype (`Object.create(null)`, JSON with `__proto__`).
 *
 * @example
 * if (!isEntity(options.targetWhere, SQL)) throw new ValidationError('targetWhere must be SQL');
 */
export function isEntity(value: unknown, kind: Parameters<typeof is>[1]): boolean {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) !== null && is(value, kind);
}

const isSqlOrFunction = (value: unknown) => typeof value === 'function' || isEntity(value, SQL);
const isOrderTerm = (value: unknown) => isSqlOrFunction(value) || isEntity(value, Column);

/**
 * Checks a relational read's config (drizzle's `db.query` config) before drizzle sees it: only its
 * documented keys; `columns` naming the table's columns with booleans and selecting something;
 * `with` naming the table's relations (nested at most 4 deep) with `true` or a config of the same
 * shape; `limit`/`offset` bounded integers; `where`/`orderBy`/`extras` as SQL or callbacks. drizzle
 * itself would bind a bad limit as a parameter (a database error) or crash on an unknown relation.
 *
 * @example
 * checkRelationalConfig(db._.schema, 'leads', { with: { partner: true }, limit: 10 }, { maxLimit: 1000 });
 */
export function checkRelationalConfig(tables: TablesConfig, tableKey: string, config: unknown, limits: { maxLimit: number }, path = 'config', depth = 0): void {
  if (depth > MAX_WITH_DEPTH) throw new ValidationError(`'with' nests deeper than ${MAX_WITH_DEPTH} levels`);
  if (!isPlainObject(config)) throw new ValidationError(`${path} must be an object`);
  const table = tables[tableKey]!;
  for (const key of Object.keys(config)) {
    if (!KEYS.has(key)) throw new ValidationError(`${path} takes only ${[...KEYS].join(', ')}`);
  }
  const { columns, with: withConfig, where, orderBy, limit, offset, extras } = config;
  if (columns !== undefined) {
    if (!isPlainObject(columns)) throw new ValidationError(`${path}.columns must be an object of column names to booleans`);
    const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
    for (const [name, value] of entries) {
      if (!Object.hasOwn(table.columns, name) || typeof value !== 'boolean') {
        throw new ValidationError(`${path}.columns must name columns of ${table.dbName} with true or false`);
      }
    }
    // drizzle selects the `true` columns, or all but the `false` ones when none is true.
    const selected = entries.some(([, v]) => v) ? entries.filter(([, v]) => v).length : entries.length ? Object.keys(table.columns).length - entries.length : 0;
    const hasRelations = isPlainObject(withConfig) && Object.values(withConfig).some(Boolean);
    // Only the root must select something (drizzle refuses an empty root; a related row may be `{}`).
    if (depth === 0 && selected === 0 && !hasRelations && !extras) throw new ValidationError(`${path}.columns selects no column`);
  }
  if (withConfig !== undefined) {
    if (!isPlainObject(withConfig)) throw new ValidationError(`${path}.with must be an object of relation names`);
    for (const [name, value] of Object.entries(withConfig)) {
      if (value === undefined || value === false) continue;
      const relation = Object.hasOwn(table.relations, name) ? (table.relations[name] as { referencedTableName?: string }) : undefined;
      const target = relation && Object.entries(tables).find(([, t]) => t.dbName === relation.referencedTableName);
      if (!target) throw new ValidationError(`${path}.with names no relation of ${table.dbName}; it has ${Object.keys(table.relations).join(', ') || 'none'}`);
      if (value !== true) checkRelationalConfig(tables, target[0], value, limits, `${path}.with.${name}`, depth + 1);
    }
  }
  if (where !== undefined && !isSqlOrFunction(where)) throw new ValidationError(`${path}.where must be SQL or a callback`);
  if (extras !== undefined && !isSqlOrFunction(extras) && !(isPlainObject(extras) && Object.values(extras).every((e) => isEntity(e, SQL.Aliased)))) {
    throw new ValidationError(`${path}.extras must be aliased SQL or a callback`);
  }
  if (orderBy !== undefined && !(isOrderTerm(orderBy) || (Array.isArray(orderBy) && orderBy.length <= 8 && orderBy.every(isOrderTerm)))) {
    throw new ValidationError(`${path}.orderBy must be SQL, columns or a callback`);
  }
  if (limit !== undefined && !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= limits.maxLimit)) {
    throw new ValidationError(`${path}.limit must be an integer from 1 to ${limits.maxLimit}`);
  }
  if (offset !== undefined && !(typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0)) {
    throw new ValidationError(`${path}.offset must be a non-negative integer`);
  }
}
