import { sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { decodeCursor, encodeCursor } from '../pagination/cursor.ts';
import { keysetCondition } from '../pagination/keysetCondition.ts';
import { guard, type RepositoryContext } from './context.ts';
import { limitOf, optionsOf, sortOf, whereOf } from './inputs.ts';
import { AS_IS } from '../driver/rowStatement.ts';
import { rowsWithExtrasFor } from './preparedCache.ts';
import { countRows } from './reads.ts';
import type { RepositoryBase } from './Repository.ts';
import { orderTerms } from './sorting.ts';
import { StatementShape } from './statementShape.ts';

/** The pagination methods of a repository. */
export type PageMethods<TDb extends AnyDb, TTable extends PgTable> = Pick<RepositoryBase<TDb, TTable>, 'paginate' | 'page'>;

/** Result fields the page queries add and strip again; no table column is named like them. */
const TOTAL_FIELD = '__org_total';
const cursorField = (i: number) => `__org_k${i}`;

/** Keyset pages with signed cursors, and offset pages with their total, over an allow-listed sort. */
export function pages<TDb extends AnyDb, TTable extends PgTable>(ctx: RepositoryContext): PageMethods<TDb, TTable> {
  type Row = TTable['$inferSelect'];
  const { q, table, name, columns } = ctx;
  return {
    paginate: (opts = {}) =>
      guard(async () => {
        opts = optionsOf(opts);
        if (opts.after !== undefined && opts.before !== undefined) throw new ValidationError("paginate takes 'after' or 'before', not both");
        const sort = sortOf(ctx, opts.sort);
        const limit = limitOf(ctx, opts.limit, 20);
        const backwards = opts.before !== undefined;
        const edge = opts.after ?? opts.before;
        const scope = `${name}|${sort.signature}`;
        const shape = new StatementShape();
        const values = edge === undefined ? undefined : decodeCursor(edge, scope, sort.keys.length, ctx.secret);
        const after = values && keysetCondition(sort.keys, values, backwards, (v) => shape.raw(v));
        const where = whereOf(ctx, opts, after, shape);
        const rowsToRead = shape.limit(limit + 1);
        // The page is chosen in a subquery; the edge values come back as PostgreSQL's own text (full
        // precision) computed in the outer query, for the page's rows only: in the same query level
        // the conversion would run for every row the scan reads before the sort.
        const cursorColumns = sort.keys.map((_, i) => [cursorField(i), AS_IS] as const);
        const statement = rowsWithExtrasFor(ctx, `keyset:${sort.signature}:${backwards}:${values !== undefined}:${shape.key}`, cursorColumns, () => {
          const inner = q
            .select()
            .from(table)
            .where(where)
            .orderBy(...orderTerms(sort, backwards))
            .limit(rowsToRead)
            .as('org_page');
          const field = (key: string) => (inner as unknown as Record<string, Column>)[key]!;
          const pageFields = Object.fromEntries(Object.keys(columns).map((key) => [key, field(key)]));
          const keyFields = Object.fromEntries(sort.keys.map((k, i) => [cursorField(i), sql<string>`${field(k.name)}::text`]));
          const outerSort = { ...sort, keys: sort.keys.map((k) => ({ ...k, column: field(k.name) })) };
          return q
            .select({ ...pageFields, ...keyFields })
            .from(inner)
            .orderBy(...orderTerms(outerSort, backwards));
        });
        const { rows, extras } = await statement.execute(shape.values);
        const more = rows.length > limit;
        const items = rows.slice(0, limit) as Row[];
        const edges = extras.slice(0, limit) as (string | null)[][];
        if (backwards) {
          items.reverse();
          edges.reverse();
        }
        const cursorOf = (values: (string | null)[] | undefined) => values && encodeCursor(scope, values, ctx.secret);
        return {
          items,
          nextCursor: (backwards ? edge !== undefined : more) ? cursorOf(edges.at(-1)) : undefined,
          prevCursor: (backwards ? more : edge !== undefined) ? cursorOf(edges[0]) : undefined,
        };
      }),
    page: (opts = {}) =>
      guard(async () => {
        opts = optionsOf(opts);
        const pageSize = limitOf(ctx, opts.pageSize, 20);
        const page = opts.page ?? 1;
        if (typeof page !== 'number' || !Number.isSafeInteger(page) || page < 1 || (page - 1) * pageSize > Number.MAX_SAFE_INTEGER) {
          throw new ValidationError('page must be a positive integer');
        }
        // Rows and total in one statement, so one snapshot: they cannot disagree under concurrent writes.
        const shape = new StatementShape();
        const where = whereOf(ctx, opts, undefined, shape);
        const sort = sortOf(ctx, opts.orderBy);
        const rowsToRead = shape.limit(pageSize);
        const skip = shape.offset((page - 1) * pageSize);
        const statement = rowsWithExtrasFor(ctx, `page:${sort.signature}:${shape.key}`, [[TOTAL_FIELD, AS_IS]], () =>
          q
            .select({ ...columns, [TOTAL_FIELD]: sql<string>`count(*) over ()` })
            .from(table)
            .where(where)
            .orderBy(...orderTerms(sort))
            .limit(rowsToRead)
            .offset(skip),
        );
        const { rows, extras } = await statement.execute(shape.values);
        // A page past the end has no row to carry the total; only then is it counted on its own.
        const total = rows.length > 0 ? Number(extras[0]![0]) : page === 1 ? 0 : await countRows(ctx, opts);
        const items = rows as Row[];
        return { items, total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
      }),
  };
}
