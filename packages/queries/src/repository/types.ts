import type { Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** The TypeScript names of a table's columns. */
export type ColumnKey<TTable extends PgTable> = keyof TTable['_']['columns'] & string;

/** A column's value as read, without null. */
export type ColumnValue<TTable extends PgTable, K extends ColumnKey<TTable>> = NonNullable<TTable['$inferSelect'][K]>;

/** A map of column name to column, as `getTableColumns` or a relational-query `fields` gives. */
export type ColumnMap = Record<string, Column>;

/** Which rows of a soft-deletable table a read sees. */
export type SoftDeleteScope = 'live' | 'all' | 'deleted';

/** The soft-delete options every read takes. */
export interface ScopeOptions {
  /** Include soft-deleted rows. */
  withDeleted?: boolean;
  /** Only soft-deleted rows. */
  onlyDeleted?: boolean;
}

/** Resolves {@link ScopeOptions} to a scope. */
export function scopeOf(options: ScopeOptions = {}): SoftDeleteScope {
  if (options.onlyDeleted) return 'deleted';
  return options.withDeleted ? 'all' : 'live';
}
