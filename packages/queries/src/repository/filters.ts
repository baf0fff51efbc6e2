import { and, eq, gt, gte, ilike, inArray, isNotNull, isNull, like, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ValidationError } from '../errors/errors.ts';
import { filterOperand } from './filterOperand.ts';
import type { ColumnKey, ColumnMap, ColumnValue } from './types.ts';

/** Comparison operators of one column. */
export interface FilterOperators<V> {
  eq?: V;
  ne?: V;
  gt?: V;
  gte?: V;
  lt?: V;
  lte?: V;
  in?: readonly V[];
  notIn?: readonly V[];
  /** SQL LIKE pattern (bound as a parameter; `%` and `_` are wildcards). */
  like?: string;
  ilike?: string;
  isNull?: boolean;
}

/**
 * A typed filter: column names with a value (equality), `null` (IS NULL) or operators; all ANDed,
 * with `or` for alternatives. Column names are checked against the table at run time too, so a
 * filter built from request input can never name something else; values are always bound.
 *
 * @example
 * const where: Filter<typeof leads> = { state: { in: ['CA', 'TX'] }, debtAmount: { gte: '10000' }, partnerId: null };
 */
export type Filter<TTable extends PgTable> = {
  [K in ColumnKey<TTable>]?: ColumnValue<TTable, K> | null | FilterOperators<ColumnValue<TTable, K>>;
} & { or?: Filter<TTable>[] };

const OPERATORS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'like', 'ilike', 'isNull']);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Turns a {@link Filter} into SQL over the given columns (a table's, or a relational query's aliased
 * `fields`). Unknown columns and operators are a {@link ValidationError}, never SQL.
 */
export function buildWhere(columns: ColumnMap, filter: Record<string, unknown> | undefined): SQL | undefined {
  if (!filter) return undefined;
  const parts: (SQL | undefined)[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'or') {
      if (!Array.isArray(value)) throw new ValidationError('filter.or must be an array of filters');
      const alternatives = value.map((f) => buildWhere(columns, f as Record<string, unknown>) ?? sql`true`);
      parts.push(alternatives.length ? or(...alternatives) : sql`false`);
      continue;
    }
    if (!Object.hasOwn(columns, key)) throw new ValidationError(`unknown filter field '${String(key).slice(0, 64)}'`);
    const column = columns[key]!;
    if (value === null) {
      parts.push(isNull(column));
    } else if (isOperatorObject(value) && column.columnType !== 'PgJsonb') {
      for (const [op, operand] of Object.entries(value)) {
        if (!OPERATORS.has(op)) throw new ValidationError(`unknown filter operator '${op.slice(0, 32)}' on '${key}'`);
        if (operand === undefined) continue;
        parts.push(condition(column, op, operand, key));
      }
    } else {
      parts.push(eq(column, filterOperand(column, value, key)));
    }
  }
  const defined = parts.filter((p): p is SQL => p !== undefined);
  return defined.length === 0 ? undefined : defined.length === 1 ? defined[0] : and(...defined);
}

function condition(column: ColumnMap[string], op: string, raw: unknown, key: string): SQL {
  const check = (v: unknown) => filterOperand(column, v, key);
  const operand = op === 'isNull' || op === 'like' || op === 'ilike' || raw === null ? raw : Array.isArray(raw) ? raw.map(check) : check(raw);
  switch (op) {
    case 'eq':
      return operand === null ? isNull(column) : eq(column, operand);
    case 'ne':
      return operand === null ? isNotNull(column) : ne(column, operand);
    case 'gt':
      return gt(column, operand);
    case 'gte':
      return gte(column, operand);
    case 'lt':
      return lt(column, operand);
    case 'lte':
      return lte(column, operand);
    case 'in':
    case 'notIn': {
      if (!Array.isArray(operand)) throw new ValidationError(`'${op}' on '${key}' takes an array`);
      if (operand.length === 0) return op === 'in' ? sql`false` : sql`true`;
      return op === 'in' ? inArray(column, operand) : notInArray(column, operand);
    }
    case 'like':
    case 'ilike':
      if (typeof operand !== 'string') throw new ValidationError(`'${op}' on '${key}' takes a string`);
      // A pattern ending in an unpaired backslash is an error in PostgreSQL (22025); refuse it up front.
      if (/(^|[^\\])(\\\\)*\\$/.test(operand)) throw new ValidationError(`'${op}' pattern on '${key}' ends with an unescaped backslash`);
      return op === 'like' ? like(column, operand) : ilike(column, operand);
    default:
      return operand ? isNull(column) : isNotNull(column);
  }
}
