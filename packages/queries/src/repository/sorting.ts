import { asc, desc, type Column, type SQL } from 'drizzle-orm';
import { ValidationError } from '../errors/errors.ts';
import type { ColumnMap } from './types.ts';

/**
 * Most sort keys one request may give: more cannot be served by an index and only cost.
 *
 * @example
 * const sort = requested.slice(0, MAX_SORT_KEYS);
 */
export const MAX_SORT_KEYS = 8;

/** A sort direction. */
export type SortDirection = 'asc' | 'desc';

/** One sort key: a column name and a direction. */
export type SortKey<K extends string = string> = readonly [K, SortDirection];

/** A resolved sort: allow-listed columns, ending with the primary key as tie-breaker. */
export interface ResolvedSort {
  keys: { name: string; column: Column; direction: SortDirection }[];
  /** Identifies the sort inside cursors. */
  signature: string;
}

/**
 * Checks a requested sort against the allow-list (names and directions may come from a request: only
 * allow-listed names ever reach SQL, and as column objects, not text) and appends the primary key so
 * the order is total and pages are stable.
 */
export function resolveSort(columns: ColumnMap, allowed: readonly string[], requested: readonly SortKey[], primaryKey: string): ResolvedSort {
  const keys: ResolvedSort['keys'] = [];
  if (!Array.isArray(requested) || requested.length > MAX_SORT_KEYS) {
    throw new ValidationError(`sort must be a list of at most ${MAX_SORT_KEYS} [column, direction] pairs`);
  }
  for (const entry of requested as readonly unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) throw new ValidationError('each sort key must be a [column, direction] pair');
    const [name, direction] = entry as [unknown, unknown];
    if (typeof name !== 'string' || !allowed.includes(name) || !Object.hasOwn(columns, name)) {
      throw new ValidationError(`cannot sort by that column; allowed: ${allowed.join(', ') || 'none'}`);
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw new ValidationError("sort direction must be 'asc' or 'desc'");
    }
    if (!keys.some((k) => k.name === name)) keys.push({ name, column: columns[name]!, direction });
  }
  if (!keys.some((k) => k.name === primaryKey)) {
    keys.push({ name: primaryKey, column: columns[primaryKey]!, direction: keys.at(-1)?.direction ?? 'asc' });
  }
  return { keys, signature: keys.map((k) => `${k.name}:${k.direction}`).join(',') };
}

/** ORDER BY terms of a resolved sort, optionally reversed (for backwards pages). */
export function orderTerms(sort: ResolvedSort, reverse = false): SQL[] {
  return sort.keys.map((k) => ((k.direction === 'asc') !== reverse ? asc(k.column) : desc(k.column)));
}
