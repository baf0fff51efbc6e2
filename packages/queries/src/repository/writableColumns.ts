import type { Column } from 'drizzle-orm';
import { checkColumnValue } from './columnValue.ts';
import type { ColumnMap } from './types.ts';

/** System columns no generic write sets unless a repository opts in: the database keeps them. */
const SYSTEM_COLUMNS = ['createdAt', 'updatedAt', 'deletedAt'];

/** Which columns generic writes may set, per kind of write. */
export interface WritePolicy {
  insert: ReadonlySet<string>;
  update: ReadonlySet<string>;
}

/**
 * The mass-assignment policy of a repository. Generic writes (`create`, `update`, `upsert`, bulk
 * inserts) never set a generated primary key, the timestamps or the deletion state, and `update`
 * never moves a row to another owner (`immutable` columns, e.g. `userId`) or changes its key: those
 * go through the methods made for them (`softDelete`, a domain function that writes its audit entry).
 * `writable` opts columns back in where a repository really takes them from callers.
 */
export function writePolicy(columns: ColumnMap, primaryKey: string, immutable: readonly string[], writable: readonly string[]): WritePolicy {
  const opted = new Set(writable);
  const pk = columns[primaryKey]!;
  const closedOnInsert = new Set(SYSTEM_COLUMNS);
  if (pk.hasDefault || (pk as Column & { defaultFn?: unknown }).defaultFn) closedOnInsert.add(primaryKey);
  const closedOnUpdate = new Set([...SYSTEM_COLUMNS, primaryKey, ...immutable]);
  // Generated columns (stored expressions, identity ALWAYS) are the database's to fill.
  for (const [key, column] of Object.entries(columns)) {
    const c = column as Column & { generated?: unknown; generatedIdentity?: { type?: string } };
    if (c.generated !== undefined || c.generatedIdentity?.type === 'always') {
      closedOnInsert.add(key);
      closedOnUpdate.add(key);
    }
  }
  const open = (closed: Set<string>) => new Set(Object.keys(columns).filter((k) => !closed.has(k) || opted.has(k)));
  return { insert: open(closedOnInsert), update: open(closedOnUpdate) };
}

/** One problem with a write's input: the column's path and what it takes (never the value). */
export interface WriteIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

/**
 * Checks a write's input before SQL: it must be a plain object, name only columns this write may set,
 * and hold values those columns can store (see `checkColumnValue`); `null` only where the column is
 * nullable. Returns the values to bind (without undefined entries) and every problem found, by column.
 * Messages name columns, never values.
 */
export function checkWrite(columns: ColumnMap, allowed: ReadonlySet<string>, input: unknown): { values: Record<string, unknown>; issues: WriteIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { values: {}, issues: [{ path: [], message: 'must be an object', code: 'invalid_type' }] };
  }
  const values: Record<string, unknown> = {};
  const issues: WriteIssue[] = [];
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!Object.hasOwn(columns, key)) {
      // The key may come from a request (or be a secret pasted into the wrong field): never echoed.
      if (!issues.some((i) => i.code === 'unrecognized_keys')) {
        issues.push({ path: [], message: 'names a field that is not a column of this table', code: 'unrecognized_keys' });
      }
      continue;
    }
    if (!allowed.has(key)) {
      issues.push({ path: [key], message: 'not writable here: keys, timestamps, deletion state and ownership have their own methods', code: 'not_writable' });
      continue;
    }
    const column = columns[key]!;
    if (value === null) {
      if (column.notNull) issues.push({ path: [key], message: 'cannot be null', code: 'invalid_type' });
      else values[key] = null;
    } else if (isSqlExpression(value)) {
      issues.push({ path: [key], message: 'takes a value, not an SQL expression', code: 'invalid_type' });
    } else {
      try {
        values[key] = checkColumnValue(column, value, key);
      } catch (error) {
        issues.push({ path: [key], message: (error as Error).message, code: 'invalid_value' });
      }
    }
  }
  return { values, issues };
}

function isSqlExpression(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { getSQL?: unknown }).getSQL === 'function';
}
