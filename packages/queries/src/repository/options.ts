import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Filter } from './filters.ts';
import type { SortKey } from './sorting.ts';
import type { ColumnKey, ScopeOptions } from './types.ts';

/**
 * Options of {@link createRepository}.
 *
 * @example
 * createRepository(db, leads, { schemas: leadSchemas, sortable: ['createdAt'], maxRows: 500 });
 */
export interface RepositoryOptions<TTable extends PgTable, TSortable extends ColumnKey<TTable> = ColumnKey<TTable>> {
  /** zod schemas inputs are validated with before any SQL runs (e.g. `leadSchemas`). */
  schemas?: { insert?: z.ZodType; update?: z.ZodType };
  /**
   * Columns a caller may sort and page by (NOT NULL columns; the primary key is always added last).
   * `createRepository` carries them into the types: `orderBy`/`sort` offer these and the primary key only.
   */
  sortable?: readonly TSortable[];
  /** Sort when none is requested. Default: primary key ascending. */
  defaultSort?: readonly SortKey<ColumnKey<TTable>>[];
  /** Key for signing keyset cursors; `ORG_CURSOR_SECRET` or a per-process key by default. */
  cursorSecret?: string;
  /** Upper bound of page sizes (`paginate`, `page`). Default 100. */
  maxPageSize?: number;
  /**
   * Most rows `findMany` returns: its `limit` may not exceed it, and without a limit a read that
   * matches more rows fails with {@link TooManyRowsError} instead of silently dropping some. Default 1000.
   */
  maxRows?: number;
  /**
   * Columns callers may set on `create` but never change with `update` (ownership, e.g. `userId`):
   * moving a row to another owner is a domain operation with its own audit trail.
   */
  immutable?: readonly ColumnKey<TTable>[];
  /**
   * Columns generic writes may set although they are protected by default: the primary key when it has
   * a default, `createdAt`, `updatedAt`, `deletedAt`, generated columns, or an `immutable` one on update.
   */
  writable?: readonly ColumnKey<TTable>[];
  /** Row count from which `insertBulk` uses COPY instead of INSERT. Default 500. */
  copyThreshold?: number;
}

/**
 * Read options: a typed filter plus the soft-delete scope.
 *
 * @example
 * const opts: ReadOptions<typeof leads> = { where: { state: 'CA' }, withDeleted: true };
 */
export interface ReadOptions<TTable extends PgTable> extends ScopeOptions {
  where?: Filter<TTable>;
}

/**
 * A keyset page.
 *
 * @example
 * const next: KeysetPage<Lead> = await repo.paginate({ after: page.nextCursor! });
 */
export interface KeysetPage<T> {
  items: T[];
  /** Pass as `after` for the next page; undefined on the last page. */
  nextCursor: string | undefined;
  /** Pass as `before` for the previous page; undefined on the first page. */
  prevCursor: string | undefined;
}

/**
 * An offset page with the total.
 *
 * @example
 * const { items, pageCount }: OffsetPage<Lead> = await repo.page({ page: 2, pageSize: 25 });
 */
export interface OffsetPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** One column of an upsert's conflict target: its name or the drizzle column. */
export type UpsertTarget<TTable extends PgTable> = ColumnKey<TTable> | TTable['_']['columns'][ColumnKey<TTable>];

/**
 * Conflict handling of {@link Repository.upsert}.
 *
 * @example
 * await repo.upsert({ email, name }, { target: 'email', set: ['name'] });
 */
export interface UpsertOptions<TTable extends PgTable> {
  /** The unique key the conflict is on: column names, or the table's columns as drizzle's `target` takes them (`users.email`). */
  target: UpsertTarget<TTable> | readonly UpsertTarget<TTable>[];
  /**
   * The partial unique index's predicate when the key is partial (e.g. live rows only). Default: the
   * predicate of the table's partial unique index on the target, when the target has no full one.
   */
  targetWhere?: SQL;
  /** Columns to overwrite on conflict: `'all'` (every given non-key column, the default) or a list. */
  set?: 'all' | readonly ColumnKey<TTable>[];
}

/** `findMany`'s options: a filter, an allow-listed order (`TSort`: the sortable names), a bounded limit and an offset. */
export type FindManyOptions<TTable extends PgTable, TSort extends string = ColumnKey<TTable>> = ReadOptions<TTable> & {
  orderBy?: readonly SortKey<TSort>[];
  limit?: number;
  offset?: number;
};

/** `paginate`'s options: a filter, an allow-listed sort, a page size and one edge cursor. */
export type PaginateOptions<TTable extends PgTable, TSort extends string = ColumnKey<TTable>> = ReadOptions<TTable> & {
  sort?: readonly SortKey<TSort>[];
  limit?: number;
  after?: string;
  before?: string;
};

/** `page`'s options: a filter, an allow-listed order, a page number and size. */
export type PageOptions<TTable extends PgTable, TSort extends string = ColumnKey<TTable>> = ReadOptions<TTable> & {
  orderBy?: readonly SortKey<TSort>[];
  page?: number;
  pageSize?: number;
};
