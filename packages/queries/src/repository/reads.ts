import { and, count, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { NotFoundError, TooManyRowsError, ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { guard, type RepositoryContext } from './context.ts';
import { keyParam, limitOf, offsetOf, optionsOf, sortOf, whereOf } from './inputs.ts';
import { readByKey } from './keyBatch.ts';
import { AS_IS } from '../driver/rowStatement.ts';
import { rowsFor, type PreparedRead } from './preparedCache.ts';
import type { RepositoryBase } from './Repository.ts';
import { scopeCondition } from './softDeleteScope.ts';
import { orderTerms } from './sorting.ts';
import { literalCount, StatementShape } from './statementShape.ts';
import { scopeOf, type SoftDeleteScope } from './types.ts';

/** The row-read methods of a repository. */
export type ReadMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<
  RepositoryBase<TDb, TTable>,
  'findById' | 'getById' | 'findOneBy' | 'findOne' | 'findMany' | 'count' | 'exists'
>;

/** The key reads: one prepared statement per column and scope, a fast path on PGlite; concurrent ones batch (see readByKey). */
function byColumn(ctx: RepositoryContext, column: string, scope: SoftDeleteScope) {
  return rowRead(ctx, `by_${column}_${scope}`, () =>
    ctx.q
      .select()
      .from(ctx.table)
      .where(and(eq(ctx.columns[column]!, sql.placeholder('value')), scopeCondition(ctx.columns, scope)))
      .limit(literalCount(1)),
  );
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
      return key ? ((await readByKey(ctx, primaryKey, scope, key.value, () => byColumn(ctx, primaryKey, scope))) as Row | undefined) : undefined;
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
        return key ? ((await readByKey(ctx, column, scope, key.value, () => byColumn(ctx, column, scope))) as Row | undefined) : undefined;
      });
    },
    findOne: (opts = {}) =>
      guard(async () => {
        opts = optionsOf(opts);
        const shape = new StatementShape();
        const where = whereOf(ctx, opts, undefined, shape);
        const sort = sortOf(ctx, opts.orderBy);
        const rows = await rowRead(ctx, `one:${sort.signature}:${shape.key}`, () =>
          q
            .select()
            .from(table)
            .where(where)
            .orderBy(...orderTerms(sort))
            .limit(literalCount(1)),
        ).execute(shape.values);
        return rows[0] as Row | undefined;
      }),
    findMany: (opts = {}) =>
      guard(async () => {
        opts = optionsOf(opts);
        // Without a limit, read one row more than allowed: more matches is an error, never a silent cut.
        const bounded = opts.limit !== undefined;
        const limit = bounded ? limitOf(ctx, opts.limit, ctx.maxRows, ctx.maxRows) : ctx.maxRows + 1;
        const offset = offsetOf(opts.offset);
        const shape = new StatementShape();
        const where = whereOf(ctx, opts, undefined, shape);
        const sort = sortOf(ctx, opts.orderBy);
        const rowsToRead = shape.limit(limit);
        const skip = shape.offset(offset);
        const statement = rowRead(ctx, `many:${sort.signature}:${shape.key}`, () =>
          q
            .select()
            .from(table)
            .where(where)
            .orderBy(...orderTerms(sort))
            .limit(rowsToRead)
            .offset(skip),
        );
        const rows = (await statement.execute(shape.values)) as Row[];
        if (!bounded && rows.length > ctx.maxRows) throw new TooManyRowsError(name, ctx.maxRows);
        return rows;
      }),
    count: (opts = {}) => countRows(ctx, opts),
    exists: (opts = {}) =>
      guard(async () => {
        const shape = new StatementShape();
        const where = whereOf(ctx, optionsOf(opts), undefined, shape);
        const rows = await rowsFor(ctx, `exists:${shape.key}`, () => ({
          query: q.select({ one: sql`1` }).from(table).where(where).limit(literalCount(1)),
          columns: [['one', AS_IS]],
        })).execute(shape.values);
        return rows.length > 0;
      }),
  };
}

/** A read of whole rows of the table, compiled per shape (see rowsFor). */
function rowRead(ctx: RepositoryContext, key: string, build: () => { toSQL(): { sql: string; params: unknown[] }; prepare(name: string): PreparedRead }) {
  return rowsFor(ctx, key, () => ({ query: build(), columns: Object.entries(ctx.columns) }));
}

/** Rows matching a filter (also the total of a page past the end). */
export function countRows(ctx: RepositoryContext, opts: unknown): Promise<number> {
  return guard(async () => {
    const shape = new StatementShape();
    const where = whereOf(ctx, optionsOf(opts as object), undefined, shape);
    const rows = await rowsFor(ctx, `count:${shape.key}`, () => ({
      query: ctx.q.select({ n: count() }).from(ctx.table).where(where),
      columns: [['n', AS_IS]],
    })).execute(shape.values);
    return Number((rows[0] as { n?: unknown } | undefined)?.n ?? 0);
  });
}
