import { sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import { valueTypeOf } from '../internal/columnTypes.ts';

/**
 * What a read's SQL text depends on, gathered while its filter is checked: a key naming the shape
 * (columns, operators, list lengths never — lists bind as one array) and the values in placeholder
 * order. Reads with the same key run one prepared statement with different values, so the query is
 * built and parsed once per shape instead of once per call.
 *
 * Values are bound as drizzle binds them for a column (`mapToDriverValue`): placeholders skip drizzle's
 * per-column encoding, so it happens here.
 */
export class StatementShape {
  private readonly tokens: string[] = [];
  readonly values: Record<string, unknown> = {};
  private count = 0;

  /** Records part of the statement's structure. */
  token(part: string): void {
    this.tokens.push(part);
  }

  /** A placeholder for one value of a column, encoded as the column encodes it. */
  param(column: Column, value: unknown): Placeholder {
    return this.raw(column.mapToDriverValue(value));
  }

  /** A placeholder for a value bound as it is (a pattern, an array literal, a limit). */
  raw(value: unknown): Placeholder {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return sql.placeholder(name);
  }

  /** The shape's key: equal keys mean equal SQL text. */
  get key(): string {
    return this.tokens.join('|');
  }
}

const SIMPLE_TYPE = /^[a-z][a-z0-9_ ]*$/;

/**
 * `column = ANY(array)` (or `<> ALL`) for an `in`/`notIn` list, one parameter whatever its length: the
 * statement text, and so the prepared statement, does not change with the list's length (an `IN (…)`
 * of n parameters is a new statement per n). The array travels as PostgreSQL's text form of an array of
 * the column's type. Undefined when that form cannot carry the values (a type with a modifier-less name
 * that is not simple, or values that are not scalars), and the caller falls back to `IN (…)`.
 */
export function listCondition(column: Column, values: readonly unknown[], negate: boolean, bind: (literal: string) => unknown): SQL | undefined {
  const type = valueTypeOf(column, true);
  if (!SIMPLE_TYPE.test(type)) return undefined;
  const literal = arrayLiteral(values.map((v) => column.mapToDriverValue(v)));
  if (literal === undefined) return undefined;
  return negate ? sql`${column} <> all(${bind(literal)}::${sql.raw(type)}[])` : sql`${column} = any(${bind(literal)}::${sql.raw(type)}[])`;
}

/**
 * PostgreSQL's text form of a one-dimensional array of scalar driver values (every element quoted and
 * escaped, so commas, braces, quotes, backslashes and the word NULL stay data), or undefined when a
 * value is not a scalar.
 *
 * @example
 * arrayLiteral(['a', 'b"c']); // '{"a","b\\"c"}'
 */
export function arrayLiteral(values: readonly unknown[]): string | undefined {
  const items: string[] = [];
  for (const driver of values) {
    if (driver === null) items.push('NULL');
    else if (typeof driver === 'string' || typeof driver === 'number' || typeof driver === 'bigint' || typeof driver === 'boolean') {
      items.push(`"${String(driver).replace(/[\\"]/g, (c) => `\\${c}`)}"`);
    } else return undefined;
  }
  return `{${items.join(',')}}`;
}
