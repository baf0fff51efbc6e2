import {
  and,
  arrayContained,
  arrayContains,
  arrayOverlaps,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  notInArray,
  or,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ValidationError } from '../errors/errors.ts';
import { checkColumnValue, isTextColumn } from './columnValue.ts';
import { listCondition, type StatementShape } from './statementShape.ts';
import type { ColumnKey, ColumnMap, ColumnValue } from './types.ts';

/**
 * Deepest nesting of `or` a filter may have: deeper trees come from generated input, not from people.
 *
 * @example
 * if (depthOf(requestFilter) > MAX_FILTER_DEPTH) return reply(400, 'filter too deep');
 */
export const MAX_FILTER_DEPTH = 8;

/**
 * Most values an `in`/`notIn` list (or an `or` list) may hold; beyond it, page or use a join.
 *
 * @example
 * for (const ids of chunk(allIds, MAX_FILTER_LIST)) rows.push(...(await repo.findMany({ where: { id: { in: ids } } })));
 */
export const MAX_FILTER_LIST = 10_000;

/** Comparison operators every scalar column has. */
export interface ComparisonOperators<V> {
  eq?: V | null;
  ne?: V | null;
  gt?: V;
  gte?: V;
  lt?: V;
  lte?: V;
  in?: readonly V[];
  notIn?: readonly V[];
  isNull?: boolean;
}

/** Operators of text columns: comparisons plus SQL LIKE patterns (bound as parameters; `%` and `_` are wildcards). */
export interface TextOperators<V> extends ComparisonOperators<V> {
  like?: string;
  ilike?: string;
}

/** Operators of array columns: `contains` (`@>`), `containedBy` (`<@`), `overlaps` (`&&`). */
export interface ArrayOperators<V> {
  eq?: V;
  contains?: V;
  containedBy?: V;
  overlaps?: V;
  isNull?: boolean;
}

/** Operators of json/jsonb columns: containment (`@>`) only; a JSON value is never compared as a literal. */
export interface JsonOperators<V> {
  contains?: V;
  isNull?: boolean;
}

/** The operators a filter offers for one column, by the column's type. */
export type FilterOperators<C extends Column, V> = C['_']['dataType'] extends 'json'
  ? JsonOperators<V>
  : C['_']['dataType'] extends 'array'
    ? ArrayOperators<V>
    : C['_']['columnType'] extends 'PgText' | 'PgVarchar' | 'PgChar'
      ? TextOperators<V>
      : ComparisonOperators<V>;

type FilterColumn<TTable extends PgTable, K extends ColumnKey<TTable>> = TTable['_']['columns'][K] & Column;

/**
 * A typed filter: column names with a value (equality), `null` (IS NULL) or the operators of that
 * column's type; all ANDed, with `or` for alternatives and `and` for a list of filters that must all
 * hold (two conditions on one column, or two groups of alternatives). Column names, operators and operand types are
 * checked at run time too, so a filter built from request input can never name something else, and a
 * value the column cannot hold is a {@link ValidationError} before SQL; values are always bound.
 * Bounds: `or`/`and` nest at most {@link MAX_FILTER_DEPTH} deep; lists hold at most {@link MAX_FILTER_LIST} values.
 *
 * @example
 * const where: Filter<typeof leads> = { state: { in: ['CA', 'TX'] }, debtAmount: { gte: '10000' }, partnerId: null };
 */
export type Filter<TTable extends PgTable> = {
  [K in ColumnKey<TTable>]?: FilterColumn<TTable, K>['_']['dataType'] extends 'json'
    ? FilterOperators<FilterColumn<TTable, K>, ColumnValue<TTable, K>> | null
    : ColumnValue<TTable, K> | null | FilterOperators<FilterColumn<TTable, K>, ColumnValue<TTable, K>>;
} & { or?: readonly Filter<TTable>[]; and?: readonly Filter<TTable>[] };

const COMPARISON = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull']);
const TEXT = new Set([...COMPARISON, 'like', 'ilike']);
const ARRAY = new Set(['eq', 'contains', 'containedBy', 'overlaps', 'isNull']);
const JSON_OPS = new Set(['contains', 'isNull']);

function operatorsOf(column: Column): ReadonlySet<string> {
  if (column.dataType === 'json') return JSON_OPS;
  if (column.dataType === 'array') return ARRAY;
  return isTextColumn(column) ? TEXT : COMPARISON;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Turns a {@link Filter} into SQL over the given columns (a table's, or a relational query's aliased
 * `fields`). Unknown columns, operators the column's type does not have, operands the column cannot
 * hold and trees beyond the bounds are a {@link ValidationError}, never SQL. With a `shape`, values
 * become placeholders and the shape records the structure (see {@link StatementShape}).
 */
export function buildWhere(columns: ColumnMap, filter: unknown, depth = 0, shape?: StatementShape): SQL | undefined {
  if (filter === undefined) return undefined;
  if (!isPlainObject(filter)) throw new ValidationError('a filter must be an object of column conditions');
  if (depth > MAX_FILTER_DEPTH) throw new ValidationError(`filter nests or/and deeper than ${MAX_FILTER_DEPTH} levels`);
  const parts: SQL[] = [];
  for (const key of Object.keys(filter)) {
    const value = filter[key];
    if (value === undefined) continue;
    if (key === 'or' || key === 'and') {
      if (!Array.isArray(value) || value.length > MAX_FILTER_LIST) throw new ValidationError(`filter.${key} must be a list of filters`);
      shape?.token(`${key}(${value.length}`);
      const branches = value.map((f: unknown) => buildWhere(columns, f, depth + 1, shape) ?? sql`true`);
      shape?.token(')');
      if (key === 'and') parts.push(...branches);
      else parts.push(branches.length ? or(...branches)! : sql`false`);
      continue;
    }
    if (!Object.hasOwn(columns, key)) throw new ValidationError(`unknown filter field; fields: ${Object.keys(columns).join(', ')}`);
    const column = columns[key]!;
    if (value === null) {
      shape?.token(`${key}:null`);
      parts.push(isNull(column));
    } else if (isPlainObject(value)) {
      const allowed = operatorsOf(column);
      for (const op of Object.keys(value)) {
        if (!allowed.has(op)) throw new ValidationError(`'${key}' has no such filter operator; it takes ${[...allowed].join(', ')}`);
        const operand = value[op];
        if (operand !== undefined) parts.push(condition(column, op, operand, key, shape));
      }
    } else if (column.dataType === 'json') {
      throw new ValidationError(`'${key}' is JSON: filter it with { contains: … } or { isNull: … }`);
    } else {
      shape?.token(`${key}:=`);
      const checked = checkColumnValue(column, value, key);
      parts.push(eq(column, shape ? shape.param(column, checked) : checked));
    }
  }
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(...parts);
}

function condition(column: Column, op: string, raw: unknown, key: string, shape: StatementShape | undefined): SQL {
  const checked = (v: unknown) => checkColumnValue(column, v, key);
  const value = (v: unknown) => (shape ? shape.param(column, checked(v)) : checked(v));
  // What the SQL text depends on: the operator, and for eq/ne whether the operand is null.
  shape?.token(
    `${key}:${op}${(op === 'eq' || op === 'ne') && raw === null ? 'null' : ''}${op === 'isNull' ? String(raw) : ''}${(op === 'in' || op === 'notIn') && Array.isArray(raw) && raw.length === 0 ? '0' : ''}`,
  );
  switch (op) {
    case 'eq':
      return raw === null ? isNull(column) : eq(column, value(raw));
    case 'ne':
      return raw === null ? isNotNull(column) : ne(column, value(raw));
    case 'gt':
      return gt(column, value(raw));
    case 'gte':
      return gte(column, value(raw));
    case 'lt':
      return lt(column, value(raw));
    case 'lte':
      return lte(column, value(raw));
    case 'in':
    case 'notIn': {
      if (!Array.isArray(raw) || raw.length > MAX_FILTER_LIST) {
        throw new ValidationError(`'${op}' on '${key}' takes a list of at most ${MAX_FILTER_LIST} values`);
      }
      if (raw.length === 0) return op === 'in' ? sql`false` : sql`true`;
      const values = raw.map(checked);
      const list = listCondition(column, values, op === 'notIn', (literal) => (shape ? shape.raw(literal) : literal));
      if (list) return list;
      // A list the array form cannot carry: one parameter per value, and a shape per length.
      shape?.token(`#${raw.length}`);
      const bound = shape ? values.map((v) => shape.param(column, v)) : values;
      return op === 'in' ? inArray(column, bound) : notInArray(column, bound);
    }
    case 'like':
    case 'ilike': {
      if (typeof raw !== 'string' || raw.includes('\0') || raw.length > 1000) {
        throw new ValidationError(`'${op}' on '${key}' takes a pattern string of at most 1000 characters`);
      }
      // A pattern ending in an unpaired backslash is an error in PostgreSQL (22025); refuse it up front.
      if (/(^|[^\\])(\\\\)*\\$/.test(raw)) throw new ValidationError(`'${op}' pattern on '${key}' ends with an unescaped backslash`);
      const pattern = shape ? shape.raw(raw) : raw;
      return op === 'like' ? like(column, pattern as string) : ilike(column, pattern as string);
    }
    case 'contains':
      return arrayContains(column, value(raw) as never);
    case 'containedBy':
      return arrayContained(column, value(raw) as never);
    case 'overlaps':
      return arrayOverlaps(column, value(raw) as never);
    default:
      if (typeof raw !== 'boolean') throw new ValidationError(`'isNull' on '${key}' takes a boolean`);
      return raw ? isNull(column) : isNotNull(column);
  }
}
