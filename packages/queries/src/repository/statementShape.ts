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

  /** A LIMIT written into the text (part of the shape; see {@link literalCount}). */
  limit(count: number): number {
    this.token(`limit ${count}`);
    return literalCount(count);
  }

  /**
   * An OFFSET: 0 written into the text (a first page plans like any statement with a literal limit),
   * else a parameter, since offsets take too many values to each be a statement of their own.
   */
  offset(count: number): number | Placeholder {
    this.token(count === 0 ? 'offset 0' : 'offset');
    return count === 0 ? literalCount(0) : this.raw(count);
  }

  /** The shape's key: equal keys mean equal SQL text. */
  get key(): string {
    return this.tokens.join('|');
  }
}

/**
 * A row count for drizzle's `.limit()` or `.offset()` written into the SQL text (`limit 51`) instead of bound: with a
 * parameter LIMIT, PostgreSQL's generic plan cannot know how few rows are wanted, so a prepared
 * statement kept being planned anew on every execution (measured: 0.17 ms of planning per keyset page,
 * more than the execution). The count must be one the caller bounded; anything else is refused.
 *
 * @example
 * q.select().from(table).where(where).limit(literalCount(1));
 */
export function literalCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new TypeError('literalCount: not a row count');
  // drizzle's .limit()/.offset() accept SQL at run time (written as it is); their type says number | Placeholder.
  return sql.raw(String(count)) as unknown as number;
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
