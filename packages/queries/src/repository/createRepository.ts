import {
  and,
  count,
  eq,
  getTableColumns,
  getTableName,
  isNotNull,
  lt,
  sql,
  type Column,
  type DBQueryConfig,
  type KnownKeysOnly,
  type SQL,
  type TablesRelationalConfig,
} from 'drizzle-orm';
import type { PgDatabase, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { NotFoundError, TooManyRowsError, ValidationError } from '../errors/errors.ts';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { cursorSecret, decodeCursor, encodeCursor } from '../pagination/cursor.ts';
import { keysetCondition } from '../pagination/keysetCondition.ts';
import { transaction } from '../transactions/transaction.ts';
import { chunkedInsert, copyInsert } from './bulkInsert.ts';
import { checkColumnValue, isPossibleKey } from './columnValue.ts';
import { buildWhere, type Filter } from './filters.ts';
import { statementName } from '../internal/statementName.ts';
import { pgliteFastRead } from './pgliteFastRead.ts';
import { checkRelationalConfig } from './relationalConfig.ts';
import { pruneDeleted, scopeWith } from './relationalScope.ts';
import { scopeCondition } from './softDeleteScope.ts';
import type { ScopedQueryResult } from './scopedQueryResult.ts';
import { orderTerms, resolveSort, type SortKey } from './sorting.ts';
import { scopeOf, type ColumnKey, type ColumnMap, type ScopeOptions } from './types.ts';
import { validateInput } from './validateInput.ts';
import { upsertPlan } from './upsertPlan.ts';
import { checkWrite, writePolicy } from './writableColumns.ts';

/** Options of {@link createRepository}. */
export interface RepositoryOptions<TTable extends PgTable> {
  /** zod schemas inputs are validated with before any SQL runs (e.g. `leadSchemas`). */
  schemas?: { insert?: z.ZodType; update?: z.ZodType };
  /** Columns a caller may sort and page by (NOT NULL columns; the primary key is always added last). */
  sortable?: readonly ColumnKey<TTable>[];
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

type TablesOf<TDb> = TDb extends PgDatabase<any, any, infer TS extends TablesRelationalConfig> ? TS : never;
type TableKeyOf<TS extends TablesRelationalConfig, TName> = {
  [K in keyof TS]: TS[K]['dbName'] extends TName ? K : never;
}[keyof TS];
type FieldsOf<TDb, TTable extends PgTable> = TablesOf<TDb>[TableKeyOf<TablesOf<TDb>, TTable['_']['name']>];
type ManyConfig<TDb, TTable extends PgTable> = DBQueryConfig<'many', true, TablesOf<TDb>, FieldsOf<TDb, TTable>>;
// Soft-delete aware: a `one` relation to a soft-deletable table can be null (see ScopedQueryResult).
type Related<TDb, TTable extends PgTable, TConfig extends true | Record<string, unknown>> = ScopedQueryResult<TablesOf<TDb>, FieldsOf<TDb, TTable>, TConfig>;

/** Read options: a typed filter plus the soft-delete scope. */
export interface ReadOptions<TTable extends PgTable> extends ScopeOptions {
  where?: Filter<TTable>;
}

/** A keyset page. */
export interface KeysetPage<T> {
  items: T[];
  /** Pass as `after` for the next page; undefined on the last page. */
  nextCursor: string | undefined;
  /** Pass as `before` for the previous page; undefined on the first page. */
  prevCursor: string | undefined;
}

/** An offset page with the total. */
export interface OffsetPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Conflict handling of {@link Repository.upsert}. */
export interface UpsertOptions<TTable extends PgTable> {
  /** The unique key the conflict is on. */
  target: ColumnKey<TTable> | readonly ColumnKey<TTable>[];
  /** The partial unique index's predicate when the key is partial (e.g. live rows only). */
  targetWhere?: SQL;
  /** Columns to overwrite on conflict: `'all'` (every given non-key column, the default) or a list. */
  set?: 'all' | readonly ColumnKey<TTable>[];
}

/**
 * A typed repository over any drizzle table: reads with typed filters, allow-listed sorting, keyset and
 * offset pagination, soft delete as the default scope (including relational reads), validated writes,
 * upserts, bulk inserts, and prepared statements on the fixed-shape paths. Every database error
 * surfaces as a typed data-layer error.
 *
 * @example
 * const leadsRepo = createRepository(db, leads, { schemas: leadSchemas, sortable: ['createdAt', 'debtAmount'] });
 * const lead = await leadsRepo.getById(id);               // NotFoundError if missing or soft-deleted
 * const page = await leadsRepo.paginate({ sort: [['createdAt', 'desc']], limit: 50 });
 * await leadsRepo.softDelete(lead.id);
 */
export function createRepository<TDb extends AnyDb, TTable extends PgTable>(
  db: TDb,
  table: TTable,
  options: RepositoryOptions<TTable> = {},
) {
  type Row = TTable['$inferSelect'];
  type Insert = TTable['$inferInsert'];
  const name = getTableName(table);
  const columns = getTableColumns(table) as ColumnMap;
  const primaryKey = Object.entries(columns).find(([, c]) => c.primary)?.[0];
  if (!primaryKey) throw new Error(`createRepository: ${name} has no single-column primary key`);
  const pk = columns[primaryKey]!;
  const softDeletable = 'deletedAt' in columns;
  const sortable: string[] = [...(options.sortable ?? [])];
  for (const key of sortable) {
    if (!columns[key]?.notNull) throw new Error(`createRepository: ${name}.${key} is not a NOT NULL column; it cannot be sortable`);
  }
  const defaultSort = (options.defaultSort ?? []) as readonly SortKey[];
  const maxPageSize = options.maxPageSize ?? 100;
  const maxRows = options.maxRows ?? 1000;
  const policy = writePolicy(columns, primaryKey, options.immutable ?? [], options.writable ?? []);
  const secret = cursorSecret(options.cursorSecret);
  const anyDb = db as unknown as {
    select(fields?: unknown): { from(t: PgTable): any };
    insert(t: PgTable): any;
    update(t: PgTable): any;
    delete(t: PgTable): any;
    query: Record<string, { findMany(c: unknown): Promise<unknown[]>; findFirst(c: unknown): Promise<unknown> }>;
    _: { schema: Record<string, { dbName: string; tsName: string; columns: ColumnMap; relations: Record<string, unknown> }> | undefined };
  };

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw mapDatabaseError(error);
    }
  };
  const where = (opts: ReadOptions<TTable> = {}, extra?: SQL) =>
    and(buildWhere(columns, opts.where as Record<string, unknown>), scopeCondition(columns, scopeOf(opts)), extra);
  // Options may come from a request body: `null` or a non-object is refused, not read (a TypeError).
  const optionsOf = <T>(opts: T): T => {
    if (opts === undefined) return {} as T;
    if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) throw new ValidationError('options must be an object');
    return opts;
  };
  const limitOf = (limit: unknown, fallback: number, max = maxPageSize) => {
    const n = limit ?? fallback;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) throw new ValidationError(`limit must be an integer from 1 to ${max}`);
    return n;
  };
  const offsetOf = (offset: unknown) => {
    const n = offset ?? 0;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new ValidationError('offset must be a non-negative integer');
    return n;
  };
  // A key given to a read: checked against its column (undefined when no row can hold it), then mapped
  // as the column maps values, because placeholders are bound raw (a Date would reach postgres.js as is).
  const keyParam = (column: Column, value: unknown): { value: unknown } | undefined =>
    isPossibleKey(column, value) ? { value: column.mapToDriverValue(checkColumnValue(column, value, 'key')) } : undefined;
  // A key given to a write must be one the column can hold: a typed error before SQL, not 22P02.
  const keyOf = (id: unknown) => checkColumnValue(pk, id, primaryKey);
  // The table's own limits and the repository's zod schema, both before SQL; zod's output is bound.
  const checked = (schema: z.ZodType | undefined, allowed: ReadonlySet<string>, input: unknown, what: string) => {
    const { values, issues } = checkWrite(columns, allowed, input);
    const parsed = validateInput(schema, input, what, issues) as Record<string, unknown>;
    return schema ? checkWrite(columns, allowed, parsed).values : values;
  };
  const insertValues = (input: unknown, what: string) => checked(options.schemas?.insert, policy.insert, input, what);
  const sortOf = (requested: readonly SortKey[] | undefined) =>
    resolveSort(columns, [...sortable, primaryKey], requested ?? defaultSort, primaryKey);

  // Prepared once per db (or transaction) object and reused: no query building on the hot path.
  const prepared = new WeakMap<object, Map<string, { execute(p: Record<string, unknown>): Promise<Row[]> }>>();
  const preparedFor = (key: string, build: () => { prepare(n: string): { execute(p: Record<string, unknown>): Promise<Row[]> } }) => {
    let cache = prepared.get(db);
    if (!cache) prepared.set(db, (cache = new Map()));
    let statement = cache.get(key);
    if (!statement) cache.set(key, (statement = build().prepare(statementName(db, `${name}_${key}`))));
    return statement;
  };
  const byColumn = (column: string, scope: ReturnType<typeof scopeOf>) =>
    preparedFor(`by_${column}_${scope}`, () => {
      const query = anyDb
        .select()
        .from(table)
        .where(and(eq(columns[column]!, sql.placeholder('value')), scopeCondition(columns, scope)))
        .limit(1);
      const fast = pgliteFastRead<Row>(db, query, Object.entries(columns));
      return fast ? { prepare: () => fast } : query;
    });

  let preparedWithCount = 0;
  const relational = new WeakMap<object, Map<string, { statement: { execute(p: unknown): Promise<unknown> }; prune: ReturnType<typeof scopeWith>['prune'] }>>();
  const preparedWith = (key: string, build: () => { statement: { execute(p: unknown): Promise<unknown> }; prune: ReturnType<typeof scopeWith>['prune'] }) => {
    let cache = relational.get(db);
    if (!cache) relational.set(db, (cache = new Map()));
    let entry = cache.get(key);
    if (!entry) cache.set(key, (entry = build()));
    return entry;
  };

  const tableKey = () => {
    const schema = anyDb._.schema;
    const entry = schema && Object.entries(schema).find(([, t]) => t.dbName === name);
    if (!entry) throw new Error(`createRepository: ${name} is not in the db's relational schema; pass { schema } to drizzle()`);
    return entry[0];
  };

  const repository = {
    table,
    /** The row with this primary key, or undefined (also when soft-deleted, unless asked). */
    findById: (id: Row[keyof Row] | string, opts: ScopeOptions = {}): Promise<Row | undefined> =>
      guard(async () => {
        const scope = scopeOf(optionsOf(opts));
        const key = keyParam(pk, id);
        return key ? (await byColumn(primaryKey, scope).execute(key))[0] : undefined;
      }),

    /** The row with this primary key; {@link NotFoundError} when there is none. */
    async getById(id: Row[keyof Row] | string, opts: ScopeOptions = {}): Promise<Row> {
      const row = await repository.findById(id, opts);
      if (!row) throw new NotFoundError(name, `${primaryKey} = ?`);
      return row;
    },

    /** The first row whose `column` equals `value`, through a prepared statement (unique-key reads). */
    findOneBy: <K extends ColumnKey<TTable>>(column: K, value: Row[K], opts: ScopeOptions = {}): Promise<Row | undefined> => {
      // The column name may come from a request: never echoed, and never a JSON or array column (no equality on those).
      if (typeof column !== 'string' || !Object.hasOwn(columns, column)) return Promise.reject(new ValidationError('findOneBy: unknown column'));
      const type = columns[column]!.dataType;
      if (type === 'json' || type === 'array') return Promise.reject(new ValidationError(`findOneBy cannot look up by '${column}': a ${type} column`));
      return guard(async () => {
        const scope = scopeOf(optionsOf(opts));
        const key = keyParam(columns[column]!, value);
        return key ? (await byColumn(column, scope).execute(key))[0] : undefined;
      });
    },

    /** The first row matching a filter, in the given order. */
    findOne: (opts: ReadOptions<TTable> & { orderBy?: readonly SortKey<ColumnKey<TTable>>[] } = {}): Promise<Row | undefined> =>
      guard(async () => {
        opts = optionsOf(opts);
        const rows = await anyDb.select().from(table).where(where(opts)).orderBy(...orderTerms(sortOf(opts.orderBy))).limit(1);
        return rows[0];
      }),

    /** Rows matching a filter, allow-listed order, bounded limit and offset. */
    findMany: (
      opts: ReadOptions<TTable> & { orderBy?: readonly SortKey<ColumnKey<TTable>>[]; limit?: number; offset?: number } = {},
    ): Promise<Row[]> =>
      guard(async () => {
        opts = optionsOf(opts);
        // Without a limit, read one row more than allowed: more matches is an error, never a silent cut.
        const bounded = opts.limit !== undefined;
        const limit = bounded ? limitOf(opts.limit, maxRows, maxRows) : maxRows + 1;
        const rows: Row[] = await anyDb
          .select()
          .from(table)
          .where(where(opts))
          .orderBy(...orderTerms(sortOf(opts.orderBy)))
          .limit(limit)
          .offset(offsetOf(opts.offset));
        if (!bounded && rows.length > maxRows) throw new TooManyRowsError(name, maxRows);
        return rows;
      }),

    /** Relational read (drizzle's `db.query`), with the soft-delete scope applied to related rows too. */
    findManyWith: <TConfig extends ManyConfig<TDb, TTable>>(
      config: KnownKeysOnly<TConfig, ManyConfig<TDb, TTable>>,
      opts: ReadOptions<TTable> = {},
    ): Promise<Related<TDb, TTable, TConfig>[]> =>
      guard(async () => {
        opts = optionsOf(opts);
        const key = tableKey();
        checkRelationalConfig(anyDb._.schema!, key, config, { maxLimit: maxRows });
        const c = config as { where?: unknown; with?: Record<string, true> };
        const scoped = scopeWith(anyDb._.schema!, key, c.with, scopeOf(opts));
        const rows = await anyDb.query[key]!.findMany({
          ...c,
          with: scoped.config,
          where: (fields: ColumnMap, ops: unknown) =>
            and(
              typeof c.where === 'function' ? c.where(fields, ops) : (c.where as SQL | undefined),
              buildWhere(fields, opts.where as Record<string, unknown>),
              scopeCondition(fields, scopeOf(opts)),
            ),
        });
        pruneDeleted(rows, scoped.prune);
        return rows as Related<TDb, TTable, TConfig>[];
      }),

    /** The first row of a relational read, or undefined. */
    async findFirstWith<TConfig extends ManyConfig<TDb, TTable>>(
      config: KnownKeysOnly<TConfig, ManyConfig<TDb, TTable>>,
      opts: ReadOptions<TTable> = {},
    ): Promise<Related<TDb, TTable, TConfig> | undefined> {
      // A config that is not an object goes through as it is, to be refused (spread, 5 would become {}).
      const first = typeof config === 'object' && config !== null && !Array.isArray(config) ? { ...(config as object), limit: 1 } : config;
      const rows = await repository.findManyWith(first as never, opts);
      return rows[0] as Related<TDb, TTable, TConfig> | undefined;
    },

    /**
     * One row by primary key with its relations, through a prepared relational query: the query is
     * built and prepared once per db and config shape (configs of plain data: `true`, `columns`,
     * `limit`, nested `with`), so repeated reads skip drizzle's query building. Configs holding SQL
     * (`where`, `orderBy`) go through {@link findFirstWith} instead.
     */
    async findByIdWith<TConfig extends Omit<ManyConfig<TDb, TTable>, 'where' | 'limit' | 'offset' | 'orderBy'>>(
      id: Row[keyof Row] | string,
      config: KnownKeysOnly<TConfig, Omit<ManyConfig<TDb, TTable>, 'where' | 'limit' | 'offset' | 'orderBy'>>,
      opts: ScopeOptions = {},
    ): Promise<Related<TDb, TTable, TConfig> | undefined> {
      opts = optionsOf(opts);
      if (!isPossibleKey(pk, id)) return undefined;
      checkRelationalConfig(anyDb._.schema ?? {}, tableKey(), config, { maxLimit: maxRows });
      const shape = plainShape(config);
      if (shape === undefined) {
        return repository.findFirstWith({ ...(config as object), where: eq(pk, id) } as never, opts) as Promise<Related<TDb, TTable, TConfig> | undefined>;
      }
      return guard(async () => {
        const scope = scopeOf(opts);
        const statement = preparedWith(`${shape}:${scope}`, () => {
          const key = tableKey();
          const scoped = scopeWith(anyDb._.schema!, key, (config as { with?: Record<string, true> }).with, scope);
          const query = (anyDb.query[key] as unknown as { findFirst(c: unknown): { prepare(n: string): { execute(p: unknown): Promise<unknown> } } }).findFirst({
            ...(config as object),
            with: scoped.config,
            where: (fields: ColumnMap) => and(eq(fields[primaryKey]!, sql.placeholder('id')), scopeCondition(fields, scope)),
          });
          return { statement: query.prepare(statementName(db, `${name}_with_${preparedWithCount++}`)), prune: scoped.prune };
        });
        const row = await statement.statement.execute({ id });
        pruneDeleted(row, statement.prune);
        return (row ?? undefined) as Related<TDb, TTable, TConfig> | undefined;
      });
    },

    /** Rows matching a filter. */
    count: (opts: ReadOptions<TTable> = {}): Promise<number> =>
      guard(async () => Number((await anyDb.select({ n: count() }).from(table).where(where(optionsOf(opts))))[0]?.n ?? 0)),

    /** Whether any row matches a filter (stops at the first). */
    exists: (opts: ReadOptions<TTable> = {}): Promise<boolean> =>
      guard(async () => (await anyDb.select({ one: sql`1` }).from(table).where(where(optionsOf(opts))).limit(1)).length > 0),

    /** Validates and inserts one row; returns it as stored. */
    create: (input: Insert): Promise<Row> =>
      guard(async () => {
        const value = insertValues(input, `${name} row`);
        const [row] = await anyDb.insert(table).values(value).returning();
        return row as Row;
      }),

    /**
     * Validates every row first, then inserts them in parameter-limit-sized chunks inside one
     * transaction (all or nothing); returns them as stored.
     */
    createMany: (inputs: readonly Insert[]): Promise<Row[]> =>
      guard(async () => {
        const rows = validateRows(inputs);
        if (rows.length === 0) return [];
        return (await transaction(db, (tx) => chunkedInsert(tx, table, rows, true))) as Row[];
      }),

    /**
     * Inserts many rows without returning them: COPY (postgres.js and PGlite) from `copyThreshold` rows
     * when every row gives the same columns, chunked INSERTs otherwise. Returns the count.
     */
    insertBulk: (inputs: readonly Insert[]): Promise<number> =>
      guard(async () => {
        const rows = validateRows(inputs);
        if (rows.length === 0) return 0;
        if (rows.length >= (options.copyThreshold ?? 500) && (await copyInsert(db, table, rows))) return rows.length;
        await transaction(db, (tx) => chunkedInsert(tx, table, rows, false));
        return rows.length;
      }),

    /** Validates a patch and updates one live row; {@link NotFoundError} when there is none. */
    update: (id: Row[keyof Row] | string, patch: Partial<Insert>): Promise<Row> =>
      guard(async () => {
        const key = keyOf(id);
        const value = checked(options.schemas?.update, policy.update, patch, `${name} update`);
        if (Object.values(value as object).every((v) => v === undefined)) throw new ValidationError('empty update');
        const [row] = await anyDb.update(table).set(value).where(and(eq(pk, key), scopeCondition(columns, 'live'))).returning();
        if (!row) throw new NotFoundError(name, `${primaryKey} = ?`);
        return row as Row;
      }),

    /**
     * Inserts, or on a conflict of `target` updates the given non-key columns (all of them by default);
     * returns the row either way.
     */
    upsert: (input: Insert, upsert: UpsertOptions<TTable>): Promise<Row> =>
      guard(async () => {
        const value = insertValues(input, `${name} row`) as Record<string, unknown>;
        const plan = upsertPlan(table, columns, policy.update, value, upsert);
        const [row] = await anyDb.insert(table).values(value).onConflictDoUpdate(plan).returning();
        return row as Row;
      }),

    /** Deletes one row: a soft delete on soft-deletable tables, a hard delete otherwise. */
    async delete(id: Row[keyof Row] | string): Promise<boolean> {
      if (softDeletable) return (await repository.softDelete(id).then(() => true, rethrowUnlessNotFound)) ?? false;
      return guard(async () => (await anyDb.delete(table).where(eq(pk, keyOf(id))).returning({ id: pk })).length > 0);
    },

    /** Marks a live row deleted; {@link NotFoundError} when there is no live row. */
    softDelete: (id: Row[keyof Row] | string): Promise<Row> => setDeleted(id, true),

    /** Brings a soft-deleted row back; {@link NotFoundError} when there is no deleted row. */
    restore: (id: Row[keyof Row] | string): Promise<Row> => setDeleted(id, false),

    /** Hard-deletes one row whatever its state. */
    purge: (id: Row[keyof Row] | string): Promise<boolean> =>
      guard(async () => (await anyDb.delete(table).where(eq(pk, keyOf(id))).returning({ id: pk })).length > 0),

    /** Hard-deletes the rows soft-deleted before a date; returns how many. */
    purgeDeleted: (before: Date): Promise<number> =>
      guard(async () => {
        requireSoftDelete();
        const cutoff = checkColumnValue(columns.deletedAt!, before, 'before');
        const gone = await anyDb
          .delete(table)
          .where(and(isNotNull(columns.deletedAt!), lt(columns.deletedAt!, cutoff)))
          .returning({ id: pk });
        return gone.length;
      }),

    /**
     * Keyset pagination over an allow-listed sort: stable (primary key tie-breaker), both directions,
     * cost flat with depth. Cursors are opaque and signed; a tampered or foreign cursor is an
     * {@link InvalidCursorError}.
     */
    paginate: (
      opts: ReadOptions<TTable> & { sort?: readonly SortKey<ColumnKey<TTable>>[]; limit?: number; after?: string; before?: string } = {},
    ): Promise<KeysetPage<Row>> =>
      guard(async () => {
        opts = optionsOf(opts);
        if (opts.after !== undefined && opts.before !== undefined) throw new ValidationError("paginate takes 'after' or 'before', not both");
        const sort = sortOf(opts.sort);
        const limit = limitOf(opts.limit, 20);
        const backwards = opts.before !== undefined;
        const edge = opts.after ?? opts.before;
        const scope = `${name}|${sort.signature}`;
        const after = edge === undefined ? undefined : keysetCondition(sort.keys, decodeCursor(edge, scope, sort.keys.length, secret), backwards);
        // The edge values come back as PostgreSQL's own text, at the column's full precision.
        const keyFields = Object.fromEntries(sort.keys.map((k, i) => [cursorField(i), sql<string>`${k.column}::text`]));
        const rows: Record<string, unknown>[] = await anyDb
          .select({ ...columns, ...keyFields })
          .from(table)
          .where(where(opts, after))
          .orderBy(...orderTerms(sort, backwards))
          .limit(limit + 1);
        const more = rows.length > limit;
        const page = rows.slice(0, limit);
        if (backwards) page.reverse();
        const edges = page.map((row) => sort.keys.map((_, i) => row[cursorField(i)] as string | null));
        const items = page.map((row) => {
          for (let i = 0; i < sort.keys.length; i++) delete row[cursorField(i)];
          return row as Row;
        });
        const cursorOf = (values: (string | null)[] | undefined) => values && encodeCursor(scope, values, secret);
        return {
          items,
          nextCursor: (backwards ? edge !== undefined : more) ? cursorOf(edges.at(-1)) : undefined,
          prevCursor: (backwards ? more : edge !== undefined) ? cursorOf(edges[0]) : undefined,
        };
      }),

    /** Offset pagination with the total count, for UIs that show page numbers. */
    page: (
      opts: ReadOptions<TTable> & { orderBy?: readonly SortKey<ColumnKey<TTable>>[]; page?: number; pageSize?: number } = {},
    ): Promise<OffsetPage<Row>> =>
      guard(async () => {
        opts = optionsOf(opts);
        const pageSize = limitOf(opts.pageSize, 20);
        const page = opts.page ?? 1;
        if (typeof page !== 'number' || !Number.isSafeInteger(page) || page < 1 || (page - 1) * pageSize > Number.MAX_SAFE_INTEGER) {
          throw new ValidationError('page must be a positive integer');
        }
        // Rows and total in one statement, so one snapshot: they cannot disagree under concurrent writes.
        const rows: Record<string, unknown>[] = await anyDb
          .select({ ...columns, [TOTAL_FIELD]: sql<string>`count(*) over ()` })
          .from(table)
          .where(where(opts))
          .orderBy(...orderTerms(sortOf(opts.orderBy)))
          .limit(pageSize)
          .offset((page - 1) * pageSize);
        // A page past the end has no row to carry the total; only then is it counted on its own.
        const total = rows.length > 0 ? Number(rows[0]![TOTAL_FIELD]) : page === 1 ? 0 : await repository.count(opts);
        const items = rows.map((row) => {
          delete row[TOTAL_FIELD];
          return row as Row;
        });
        return { items, total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
      }),
  };

  function validateRows(inputs: readonly Insert[]): Record<string, unknown>[] {
    if (!Array.isArray(inputs)) throw new ValidationError(`${name} rows must be a list`);
    return inputs.map((input, i) => {
      try {
        return insertValues(input, `${name} row ${i}`) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof ValidationError) {
          throw new ValidationError(error.message, error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })) as never);
        }
        throw error;
      }
    });
  }

  function requireSoftDelete() {
    if (!softDeletable) throw new ValidationError(`${name} has no deletedAt column; it cannot be soft-deleted`);
  }

  function setDeleted(id: unknown, deleted: boolean): Promise<Row> {
    return guard(async () => {
      requireSoftDelete();
      const [row] = await anyDb
        .update(table)
        // The database's clock, like the updated_at trigger: one time source for every timestamp.
        .set({ deletedAt: deleted ? sql`now()` : null })
        .where(and(eq(pk, keyOf(id)), scopeCondition(columns, deleted ? 'live' : 'deleted')))
        .returning();
      if (!row) throw new NotFoundError(name, `${deleted ? 'live' : 'deleted'} ${primaryKey} = ?`);
      return row as Row;
    });
  }

  return repository;
}

/** Result fields the page queries add and strip again; no table column is named like them. */
const TOTAL_FIELD = '__org_total';
const cursorField = (i: number) => `__org_k${i}`;

/** A cache key for a relational config made only of plain data, or undefined when it holds SQL or functions. */
function plainShape(config: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(config, (_, value: unknown) => {
    if (typeof value === 'function' || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype)) {
      plain = false;
    }
    return value;
  });
  return plain ? text : undefined;
}

function rethrowUnlessNotFound(error: unknown): false {
  if (error instanceof NotFoundError) return false;
  throw error;
}

/** The repository type for a db and table. */
export type Repository<TDb extends AnyDb, TTable extends PgTable> = ReturnType<typeof createRepository<TDb, TTable>>;
