import { getTableColumns, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { SoftDeletableTable } from '@org/schema';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ColumnMap, SoftDeleteScope } from './types.ts';

/** The condition a scope adds on a soft-deletable table's columns; none for other tables. */
export function scopeCondition(columns: ColumnMap, scope: SoftDeleteScope): SQL | undefined {
  const deletedAt = columns.deletedAt;
  if (!deletedAt || scope === 'all') return undefined;
  return scope === 'live' ? isNull(deletedAt) : isNotNull(deletedAt);
}

/**
 * The default soft-delete scope of a table as a query-builder condition: `deleted_at IS NULL` on a
 * soft-deletable table, nothing (undefined, which `and()` skips) on any other. Queries written with
 * the query builder instead of a repository (joins, aggregates, conditional updates) take the scope
 * from here, so it lives in one place.
 *
 * @example
 * await db.select().from(leads).where(and(eq(leads.state, 'CA'), liveRows(leads)));
 * await db.select().from(leads).leftJoin(partners, and(eq(leads.partnerId, partners.id), liveRows(partners)));
 */
export function liveRows(table: SoftDeletableTable): SQL;
export function liveRows(table: PgTable): SQL | undefined;
export function liveRows(table: PgTable): SQL | undefined {
  return scopeCondition(getTableColumns(table) as ColumnMap, 'live');
}
