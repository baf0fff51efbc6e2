import { and, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { ValidationError } from '../errors/errors.ts';
import { checkColumnValue, isPossibleKey } from './columnValue.ts';
import type { RepositoryContext } from './context.ts';
import { buildWhere } from './filters.ts';
import type { ReadOptions } from './options.ts';
import { scopeCondition } from './softDeleteScope.ts';
import type { StatementShape } from './statementShape.ts';
import { resolveSort, type SortKey } from './sorting.ts';
import { scopeOf } from './types.ts';
import { validateInput } from './validateInput.ts';
import { checkWrite } from './writableColumns.ts';

// The checks every capability applies to what callers give it, all before SQL.

/**
 * A read's WHERE: the typed filter, the soft-delete scope and an extra condition. With a `shape`, the
 * filter's values become placeholders and the scope joins the shape's key.
 */
export function whereOf(ctx: RepositoryContext, opts: ReadOptions<PgTable> = {}, extra?: SQL, shape?: StatementShape): SQL | undefined {
  const scope = scopeOf(opts);
  shape?.token(`scope:${scope}`);
  return and(buildWhere(ctx.columns, opts.where as Record<string, unknown>, 0, shape), scopeCondition(ctx.columns, scope), extra);
}

/** Options may come from a request body: `null` or a non-object is refused, not read (a TypeError). */
export function optionsOf<T>(opts: T): T {
  if (opts === undefined) return {} as T;
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new ValidationError('options must be an object');
  return opts;
}

/** A page size or row limit: an integer from 1 to `max`. */
export function limitOf(ctx: RepositoryContext, limit: unknown, fallback: number, max = ctx.maxPageSize): number {
  const n = limit ?? fallback;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) throw new ValidationError(`limit must be an integer from 1 to ${max}`);
  return n;
}

/** An offset: a non-negative safe integer. */
export function offsetOf(offset: unknown): number {
  const n = offset ?? 0;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new ValidationError('offset must be a non-negative integer');
  return n;
}

/**
 * A key given to a read: checked against its column (undefined when no row can hold it), then mapped
 * as the column maps values, because placeholders are bound raw (a Date would reach postgres.js as is).
 */
export function keyParam(column: Column, value: unknown): { value: unknown } | undefined {
  return isPossibleKey(column, value) ? { value: column.mapToDriverValue(checkColumnValue(column, value, 'key')) } : undefined;
}

/** A key given to a write must be one the column can hold: a typed error before SQL, not 22P02. */
export function keyOf(ctx: RepositoryContext, id: unknown): unknown {
  return checkColumnValue(ctx.pk, id, ctx.primaryKey);
}

/** The table's own limits and the repository's zod schema, both before SQL; zod's output is bound. */
export function checked(
  ctx: RepositoryContext,
  schema: z.ZodType | undefined,
  allowed: ReadonlySet<string>,
  input: unknown,
  what: string,
): Record<string, unknown> {
  const { values, issues } = checkWrite(ctx.columns, allowed, input);
  const parsed = validateInput(schema, input, what, issues) as Record<string, unknown>;
  return (schema ? checkWrite(ctx.columns, allowed, parsed).values : values) as Record<string, unknown>;
}

/** An insert's values, checked. */
export function insertValues(ctx: RepositoryContext, input: unknown, what: string): Record<string, unknown> {
  return checked(ctx, ctx.options.schemas?.insert, ctx.policy.insert, input, what);
}

/** Every row of a multi-row insert checked before any is written; issues carry the row's index. */
export function validateRows(ctx: RepositoryContext, inputs: unknown): Record<string, unknown>[] {
  if (!Array.isArray(inputs)) throw new ValidationError(`${ctx.name} rows must be a list`);
  return inputs.map((input, i) => insertRowValues(ctx, input, i));
}

/**
 * Row `i` of a multi-row insert checked as {@link insertValues} checks one row, its ValidationError's
 * issues carrying the row's index first (also the bulk fast path's fallback for a row it refuses).
 *
 * @example
 * const row = insertRowValues(ctx, inputs[3], 3); // issues at [3, column]
 */
export function insertRowValues(ctx: RepositoryContext, input: unknown, i: number): Record<string, unknown> {
  try {
    return insertValues(ctx, input, `${ctx.name} row ${i}`);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.message, error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })) as never);
    }
    throw error;
  }
}

/** A requested sort resolved against the allow-list, the primary key last. */
export function sortOf(ctx: RepositoryContext, requested: readonly SortKey[] | undefined): ReturnType<typeof resolveSort> {
  return resolveSort(ctx.columns, [...ctx.sortable, ctx.primaryKey], requested ?? ctx.defaultSort, ctx.primaryKey);
}
