import { and, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { NotFoundError, ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { checkColumnValue } from './columnValue.ts';
import { guard, type RepositoryContext } from './context.ts';
import { keyOf } from './inputs.ts';
import type { RepositoryBase, SoftDeleteCapability } from './Repository.ts';
import { scopeCondition } from './softDeleteScope.ts';

/** The delete methods of a repository. */
export type SoftDeleteMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<RepositoryBase<TDb, TTable>, 'delete' | 'purge'> & SoftDeleteCapability<TTable>;

/**
 * Deleting rows: soft delete and restore on tables with `deletedAt` (the database's clock, like the
 * updated_at trigger), hard deletes of one row or of rows deleted before a date.
 */
export function softDelete<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): SoftDeleteMethods<TDb, TTable> {
  type Row = TTable['$inferSelect'];
  const { q, table, name, pk, primaryKey, columns } = ctx;
  const requireSoftDelete = () => {
    if (!ctx.softDeletable) throw new ValidationError(`${name} has no deletedAt column; it cannot be soft-deleted`);
  };
  const setDeleted = (id: unknown, deleted: boolean): Promise<Row> =>
    guard(async () => {
      requireSoftDelete();
      const [row] = await q
        .update(table)
        // The database's clock, like the updated_at trigger: one time source for every timestamp.
        .set({ deletedAt: deleted ? sql`now()` : null })
        .where(and(eq(pk, keyOf(ctx, id)), scopeCondition(columns, deleted ? 'live' : 'deleted')))
        .returning();
      if (!row) throw new NotFoundError(name, `${deleted ? 'live' : 'deleted'} ${primaryKey} = ?`);
      return row as Row;
    });
  const purge = (id: unknown): Promise<boolean> =>
    guard(
      async () =>
        (
          await q
            .delete(table)
            .where(eq(pk, keyOf(ctx, id)))
            .returning({ id: pk })
        ).length > 0,
    );
  return {
    async delete(id) {
      if (ctx.softDeletable) return (await setDeleted(id, true).then(() => true, rethrowUnlessNotFound)) ?? false;
      return purge(id);
    },
    softDelete: (id) => setDeleted(id, true),
    restore: (id) => setDeleted(id, false),
    purge,
    purgeDeleted: (before) =>
      guard(async () => {
        requireSoftDelete();
        const cutoff = checkColumnValue(columns.deletedAt!, before, 'before');
        const gone = await q
          .delete(table)
          .where(and(isNotNull(columns.deletedAt!), lt(columns.deletedAt!, cutoff)))
          .returning({ id: pk });
        return gone.length;
      }),
  };
}

function rethrowUnlessNotFound(error: unknown): false {
  if (error instanceof NotFoundError) return false;
  throw error;
}
