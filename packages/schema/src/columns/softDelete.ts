import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { timestamptz } from './timestamptz.ts';

/**
 * The column name that marks a table as soft-deletable; repositories look for it.
 *
 * @example
 * const softDeletable = SOFT_DELETE_COLUMN in getTableColumns(table);
 */
export const SOFT_DELETE_COLUMN = 'deletedAt';

/**
 * A nullable `deleted_at` timestamptz. A row with a value is soft-deleted: @org/queries
 * repositories hide it from every default read. Pair it with a partial unique index
 * (`.where(sql\`deleted_at is null\`)`) on natural keys so a deleted row's email can be reused.
 *
 * @example
 * const users = pgTable('users', { id: primaryId(), email: text('email').notNull(), ...softDelete() });
 */
export function softDelete() {
  return { deletedAt: timestamptz('deleted_at') };
}

/** A table that carries the `deletedAt` column of {@link softDelete}. */
export type SoftDeletableTable = PgTable & { deletedAt: PgColumn };

/**
 * Whether a table has the soft-delete column (checked at run time, for generic code).
 *
 * @example
 * if (isSoftDeletable(users)) query = query.where(isNull(users.deletedAt));
 */
export function isSoftDeletable(table: PgTable): table is SoftDeletableTable {
  return SOFT_DELETE_COLUMN in table;
}
