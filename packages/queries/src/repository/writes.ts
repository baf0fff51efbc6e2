import { and, eq, isNull } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ConflictError, NotFoundError, ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { chunkedInsert } from './bulkInsert.ts';
import { guard, type RepositoryContext } from './context.ts';
import { checked, insertValues, keyOf, validateRows } from './inputs.ts';
import { insertRow } from './insertRow.ts';
import type { RepositoryBase } from './Repository.ts';
import { scopeCondition } from './softDeleteScope.ts';
import { upsertPlan } from './upsertPlan.ts';

/** The validated-write methods of a repository. */
export type WriteMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<RepositoryBase<TDb, TTable>, 'create' | 'createMany' | 'update' | 'upsert'>;

/**
 * Validated writes: the mass-assignment policy, the table's limits and the zod schemas are checked
 * before SQL; updates reach live rows only.
 */
export function writes<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): WriteMethods<TDb, TTable> {
  type Row = TTable['$inferSelect'];
  const { q, table, name, pk, primaryKey, columns, policy } = ctx;
  return {
    create: (input) =>
      guard(async () => {
        const value = insertValues(ctx, input, `${name} row`);
        const [row] = await insertRow(ctx, value);
        return row as Row;
      }),
    createMany: (inputs) =>
      guard(async () => {
        const rows = validateRows(ctx, inputs);
        if (rows.length === 0) return [];
        return (await chunkedInsert(ctx.db, table, rows, true)) as Row[];
      }),
    update: (id, patch) =>
      guard(async () => {
        const key = keyOf(ctx, id);
        const value = checked(ctx, ctx.options.schemas?.update, policy.update, patch, `${name} update`);
        if (Object.values(value).every((v) => v === undefined)) throw new ValidationError('empty update');
        const [row] = await q
          .update(table)
          .set(value)
          .where(and(eq(pk, key), scopeCondition(columns, 'live')))
          .returning();
        if (!row) throw new NotFoundError(name, `${primaryKey} = ?`);
        return row as Row;
      }),
    upsert: (input, upsert) =>
      guard(async () => {
        const value = insertValues(ctx, input, `${name} row`);
        const plan = upsertPlan(table, columns, policy.update, value, upsert);
        // A soft-deleted row that holds the key is not updated behind the caller's back (update() would
        // say NotFound for it, and the row would come back still deleted): it is a conflict to resolve.
        const setWhere = ctx.softDeletable ? isNull(columns.deletedAt!) : undefined;
        const [row] = await q
          .insert(table)
          .values(value)
          .onConflictDoUpdate({ ...plan, ...(setWhere ? { setWhere } : {}) })
          .returning();
        if (!row) throw new ConflictError(`${name}: a soft-deleted row holds this key; restore or purge it first`);
        return row as Row;
      }),
  };
}
