import { and, count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { NotFoundError, TooManyRowsError, ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { guard, type RepositoryContext } from './context.ts';
import { keyParam, limitOf, offsetOf, optionsOf, sortOf, whereOf } from './inputs.ts';
import { pgliteFastRead } from './pgliteFastRead.ts';
import { preparedFor } from './preparedCache.ts';
import type { Repository } from './Repository.ts';
import { scopeCondition } from './softDeleteScope.ts';
import { orderTerms } from './sorting.ts';
import { scopeOf, type SoftDeleteScope } from './types.ts';

/** The row-read methods of a repository. */
export type ReadMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<
  Repository<TDb, TTable>,
  'findById' | 'getById' | 'findOneBy' | 'findOne' | 'findMany' | 'count' | 'exists'
>;

/** The key reads: one prepared statement per column and scope, a fast path on PGlite. */
function byColumn(ctx: RepositoryContext, column: string, scope: SoftDeleteScope) {
  return preparedFor(ctx, `by_${column}_${scope}`, () => {
    const query = ctx.q
      .select()
      .from(ctx.table)
      .where(and(eq(ctx.columns[column]!, sql.placeholder('value')), scopeCondition(ctx.columns, scope)))
      .limit(1);
    const fast = pgliteFastRead<unknown>(ctx.db, query, Object.entries(ctx.columns));
    return fast ? { prepare: () => fast } : query;
  });
}

/**
 * Reads of rows: by key through prepared statements, by filter with an allow-listed order and
 * bounded limits, counts and existence; the soft-delete scope applies to each.
 */
export function reads<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): ReadMethods<TDb, TTable> {
  type Row = TTable['$inferSelect'];
  const { columns, name, primaryKey, pk, q, table } = ctx;
  const findById = (id: unknown, opts: unknown = {}): Promise<Row | undefined> =>
    guard(async () => {
      const scope = scopeOf(optionsOf(opts as object));
      const key = keyParam(pk, id);
      return key ? ((await byColumn(ctx, primaryKey, scope).execute(key))[0] as Row | undefined) : undefined;
    });
  return {
    findById,
    async getById(id, opts = {}) {
      const row = await findById(id, opts);
      if (!row) throw new NotFoundError(name, `${primaryKey} = ?`);
      return row;
    },
    findOneBy(column, value, opts = {}) {
      // The column name may come from a request: never echoed, and never a JSON or array column (no equality on those).
      if (typeof column !== 'string' || !Object.hasOwn(columns, column)) return Promise.reject(new ValidationError('findOneBy: unknown column'));
      const type = columns[column]!.dataType;
      if (type === 'json' || type === 'array') return Promise.reject(new ValidationError(`findOneBy cannot look up by '${column}': a ${type} column`));
      return guard(async () => {
        const scope = scopeOf(optionsOf(opts));
        const key = keyParam(columns[column]!, value);
        return key ? ((await byColumn(ctx, column, scope).execute(key))[0] as Row | undefined) : undefined;
      });
    },
    findOne: (opts = {}) =>
      guard(async () => {
        opts = optionsOf(opts);
        const rows = await q.select().from(table).where(whereOf(ctx, opts)).orderBy(...orderTerms(sortOf(ctx, opts.orderBy))).limit(1);
        return rows[0];
      }),
    findMany: (opts = {}) =>
      guard(async () => {
        opts = optionsOf(opts);
        // Without a limit, read one row more than allowed: more matches is an error, never a silent cut.
        const bounded = opts.limit !== undefined;
        const limit = bounded ? limitOf(ctx, opts.limit, ctx.maxRows, ctx.maxRows) : ctx.maxRows + 1;
        const rows: Row[] = await q
          .select()
          .from(table)
          .where(whereOf(ctx, opts))
          .orderBy(...orderTerms(sortOf(ctx, opts.orderBy)))
          .limit(limit)
          .offset(offsetOf(opts.offset));
        if (!bounded && rows.length > ctx.maxRows) throw new TooManyRowsError(name, ctx.maxRows);
        return rows;
      }),
    count: (opts = {}) => countRows(ctx, opts),
    exists: (opts = {}) =>
      guard(async () => (await q.select({ one: sql`1` }).from(table).where(whereOf(ctx, optionsOf(opts))).limit(1)).length > 0),
  };
}

/** Rows matching a filter (also the total of a page past the end). */
export function countRows(ctx: RepositoryContext, opts: unknown): Promise<number> {
  return guard(async () => Number((await ctx.q.select({ n: count() }).from(ctx.table).where(whereOf(ctx, optionsOf(opts as object))))[0]?.n ?? 0));
}
