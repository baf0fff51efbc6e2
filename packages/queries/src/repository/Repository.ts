import type { Column, KnownKeysOnly } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AnyDb } from '../internal/OrgDb.ts';
import type { FindManyOptions, KeysetPage, OffsetPage, PageOptions, PaginateOptions, ReadOptions, UpsertOptions } from './options.ts';
import type { ByIdConfig, ManyConfig, Related } from './relationalTypes.ts';
import type { SortKey } from './sorting.ts';
import type { ColumnKey, ScopeOptions } from './types.ts';

/** The property name of a table's single primary-key column (never when it has none marked). */
export type PrimaryKeyOf<TTable extends PgTable> = {
  [K in ColumnKey<TTable>]: TTable['_']['columns'][K]['_']['isPrimaryKey'] extends true ? K : never;
}[ColumnKey<TTable>];

/**
 * A primary-key value: the key column's type (a uuid is a string, a serial a number; a key read from a
 * request must be converted, as a string never equals an integer key). Tables without a column marked
 * `.primaryKey()` (a composite key) take any of their columns' values.
 */
export type Id<TTable extends PgTable> = [PrimaryKeyOf<TTable>] extends [never]
  ? TTable['$inferSelect'][keyof TTable['$inferSelect']]
  : NonNullable<TTable['$inferSelect'][PrimaryKeyOf<TTable> & keyof TTable['$inferSelect']]>;

/**
 * A typed repository over one drizzle table (see {@link createRepository}): reads with typed filters,
 * allow-listed sorting, keyset and offset pagination, soft delete as the default scope (relational
 * reads included), validated writes, upserts and bulk inserts. Every database error surfaces as a
 * typed data-layer error. `TSort` names the columns `orderBy`/`sort` accept: the `sortable` columns
 * and the primary key for repositories made by `createRepository` (any column when written out without it).
 *
 * @example
 * const leadsRepo: Repository<OrgDb, typeof leads> = createRepository(db, leads);
 * await transaction(db, async (tx) => leadsRepo.in(tx).create(newLead));
 */
export type Repository<TDb extends AnyDb, TTable extends PgTable, TSort extends ColumnKey<TTable> = ColumnKey<TTable>> = RepositoryBase<TDb, TTable, TSort> &
  (TTable['_']['columns'] extends { deletedAt: Column } ? SoftDeleteCapability<TTable> : {});

/**
 * What every repository has (see {@link Repository}, which adds {@link SoftDeleteCapability} on tables
 * with a `deletedAt` column).
 *
 * @example
 * const base: RepositoryBase<OrgDb, typeof partners> = createRepository(db, partners);
 */
export interface RepositoryBase<TDb extends AnyDb, TTable extends PgTable, TSort extends ColumnKey<TTable> = ColumnKey<TTable>> {
  /** The drizzle table this repository reads and writes. */
  readonly table: TTable;

  /**
   * The same repository running on `tx` (a transaction of its db, or another db of the same schema):
   * options, checks and prepared-statement caches are shared, nothing is rebuilt. Bound repositories
   * are kept per `tx`, so calling it on every use is cheap.
   */
  in(tx: TDb): Repository<TDb, TTable, TSort>;

  /** The row with this primary key, or undefined (also when soft-deleted, unless asked). */
  findById(id: Id<TTable>, opts?: ScopeOptions): Promise<TTable['$inferSelect'] | undefined>;

  /** The row with this primary key; {@link NotFoundError} when there is none. */
  getById(id: Id<TTable>, opts?: ScopeOptions): Promise<TTable['$inferSelect']>;

  /** The first row whose `column` equals `value`, through a prepared statement (unique-key reads). */
  findOneBy<K extends ColumnKey<TTable>>(column: K, value: TTable['$inferSelect'][K], opts?: ScopeOptions): Promise<TTable['$inferSelect'] | undefined>;

  /** The first row matching a filter, in the given order. */
  findOne(opts?: ReadOptions<TTable> & { orderBy?: readonly SortKey<TSort>[] }): Promise<TTable['$inferSelect'] | undefined>;

  /**
   * Rows matching a filter, allow-listed order, bounded limit and offset. Without a limit, more than
   * `maxRows` matches is a {@link TooManyRowsError}, never a silent cut.
   */
  findMany(opts?: FindManyOptions<TTable, TSort>): Promise<TTable['$inferSelect'][]>;

  /** Rows matching a filter. */
  count(opts?: ReadOptions<TTable>): Promise<number>;

  /** Whether any row matches a filter (stops at the first). */
  exists(opts?: ReadOptions<TTable>): Promise<boolean>;

  /** Relational read (drizzle's `db.query`), with the soft-delete scope applied to related rows too. */
  findManyWith<TConfig extends ManyConfig<TDb, TTable>>(
    config: KnownKeysOnly<TConfig, ManyConfig<TDb, TTable>>,
    opts?: ReadOptions<TTable>,
  ): Promise<Related<TDb, TTable, TConfig>[]>;

  /** The first row of a relational read, or undefined. */
  findFirstWith<TConfig extends ManyConfig<TDb, TTable>>(
    config: KnownKeysOnly<TConfig, ManyConfig<TDb, TTable>>,
    opts?: ReadOptions<TTable>,
  ): Promise<Related<TDb, TTable, TConfig> | undefined>;

  /**
   * One row by primary key with its relations, through a prepared relational query: built and
   * prepared once per db and config shape (plain data: `true`, `columns`, `limit`, nested `with`).
   * Configs holding SQL (`where`, `orderBy`) go through {@link findFirstWith} instead.
   */
  findByIdWith<TConfig extends ByIdConfig<TDb, TTable>>(
    id: Id<TTable>,
    config: KnownKeysOnly<TConfig, ByIdConfig<TDb, TTable>>,
    opts?: ScopeOptions,
  ): Promise<Related<TDb, TTable, TConfig> | undefined>;

  /** Validates and inserts one row; returns it as stored. */
  create(input: TTable['$inferInsert']): Promise<TTable['$inferSelect']>;

  /**
   * Validates every row first, then inserts them in parameter-limit-sized chunks inside one
   * transaction (all or nothing); returns them as stored.
   */
  createMany(inputs: readonly TTable['$inferInsert'][]): Promise<TTable['$inferSelect'][]>;

  /**
   * Inserts many rows without returning them: COPY (postgres.js and PGlite) from `copyThreshold` rows
   * when every row gives the same columns, chunked INSERTs otherwise. Returns the count.
   */
  insertBulk(inputs: readonly TTable['$inferInsert'][]): Promise<number>;

  /** Validates a patch and updates one live row; {@link NotFoundError} when there is none. */
  update(id: Id<TTable>, patch: Partial<TTable['$inferInsert']>): Promise<TTable['$inferSelect']>;

  /**
   * Inserts, or on a conflict of `target` updates the given non-key columns (all of them by default);
   * returns the row either way.
   */
  upsert(input: TTable['$inferInsert'], upsert: UpsertOptions<TTable>): Promise<TTable['$inferSelect']>;

  /** Deletes one row: a soft delete on soft-deletable tables, a hard delete otherwise. */
  delete(id: Id<TTable>): Promise<boolean>;

  /** Hard-deletes one row whatever its state. */
  purge(id: Id<TTable>): Promise<boolean>;

  /**
   * Keyset pagination over an allow-listed sort: stable (primary key tie-breaker), both directions,
   * cost flat with depth. Cursors are opaque and signed; a tampered or foreign cursor is an
   * {@link InvalidCursorError}.
   */
  paginate(opts?: PaginateOptions<TTable, TSort>): Promise<KeysetPage<TTable['$inferSelect']>>;

  /** Offset pagination with the total count, for UIs that show page numbers. */
  page(opts?: PageOptions<TTable, TSort>): Promise<OffsetPage<TTable['$inferSelect']>>;
}

/**
 * The soft-delete lifecycle, on repositories of tables with a `deletedAt` column only (a table without
 * one has nothing to restore; the methods are not offered rather than failing when called).
 *
 * @example
 * await createRepository(db, projects).restore(id); // projects has deletedAt; partners has no restore
 */
export interface SoftDeleteCapability<TTable extends PgTable> {
  /** Marks a live row deleted; {@link NotFoundError} when there is no live row. */
  softDelete(id: Id<TTable>): Promise<TTable['$inferSelect']>;

  /** Brings a soft-deleted row back; {@link NotFoundError} when there is no deleted row. */
  restore(id: Id<TTable>): Promise<TTable['$inferSelect']>;

  /** Hard-deletes the rows soft-deleted before a date; returns how many. */
  purgeDeleted(before: Date): Promise<number>;
}
