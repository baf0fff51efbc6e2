import type { PgTable } from 'drizzle-orm/pg-core';
import type { AnyDb } from '../internal/OrgDb.ts';
import { chunkedInsert, copyInsert } from './bulkInsert.ts';
import { guard, type RepositoryContext } from './context.ts';
import { validateRows } from './inputs.ts';
import type { RepositoryBase } from './Repository.ts';

/** The bulk-insert method of a repository. */
export type BulkMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<RepositoryBase<TDb, TTable>, 'insertBulk'>;

/** Bulk inserts: every row validated first, then COPY from `copyThreshold` rows, chunked INSERTs below. */
export function bulk<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): BulkMethods<TDb, TTable> {
  return {
    insertBulk: (inputs) =>
      guard(async () => {
        const rows = validateRows(ctx, inputs);
        if (rows.length === 0) return 0;
        if (rows.length >= (ctx.options.copyThreshold ?? 500) && (await copyInsert(ctx.db, ctx.table, rows))) return rows.length;
        await chunkedInsert(ctx.db, ctx.table, rows, false);
        return rows.length;
      }),
  };
}
