import type { PgTable } from 'drizzle-orm/pg-core';
import type { AnyDb } from '../internal/OrgDb.ts';
import { chunkedInsert, copyInsert } from './bulkInsert.ts';
import { validateBulkRows } from './bulkValidation.ts';
import { guard, type RepositoryContext } from './context.ts';
import type { RepositoryBase } from './Repository.ts';
import { copiesWhileValidating, copyValidated } from './validatedCopy.ts';

/** The bulk-insert method of a repository. */
export type BulkMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<RepositoryBase<TDb, TTable>, 'insertBulk'>;

/**
 * Bulk inserts, all or nothing: COPY from `copyThreshold` rows, chunked INSERTs below. No row is written
 * unless every row is valid; on a server the rows are validated chunk by chunk as the COPY sends them
 * (see copyValidated), elsewhere all of them first.
 */
export function bulk<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): BulkMethods<TDb, TTable> {
  return {
    insertBulk: (inputs) =>
      guard(async () => {
        if (copiesWhileValidating(ctx, inputs)) {
          const copied = await copyValidated(ctx, inputs);
          if (copied !== undefined) return copied;
          // Rows COPY cannot carry (other columns from row to row, an SQL value): the ordinary INSERTs.
          const rows = validateBulkRows(ctx, inputs);
          await chunkedInsert(ctx.db, ctx.table, rows, false);
          return rows.length;
        }
        const rows = validateBulkRows(ctx, inputs);
        if (rows.length === 0) return 0;
        if (rows.length >= (ctx.options.copyThreshold ?? 500) && (await copyInsert(ctx.db, ctx.table, rows))) return rows.length;
        await chunkedInsert(ctx.db, ctx.table, rows, false);
        return rows.length;
      }),
  };
}
