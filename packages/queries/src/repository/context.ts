import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import type { RowStatement } from '../driver/rowStatement.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { cursorSecret } from '../pagination/cursor.ts';
import type { RepositoryOptions } from './options.ts';
import type { CompiledRelational, PreparedRead, PreparedRelational } from './preparedCache.ts';
import type { SortKey } from './sorting.ts';
import type { ColumnMap } from './types.ts';
import { writePolicy, type WritePolicy } from './writableColumns.ts';

/**
 * The untyped builder surface the capabilities use: the table is generic, so drizzle's typed
 * builders cannot be named here; the public {@link Repository} interface carries the types instead.
 */
export interface QueryFacade {
  select(fields?: unknown): { from(t: PgTable): any };
  insert(t: PgTable): any;
  update(t: PgTable): any;
  delete(t: PgTable): any;
  query: Record<string, { findMany(c: unknown): Promise<unknown[]>; findFirst(c: unknown): Promise<unknown> }>;
  _: { schema: Record<string, { dbName: string; tsName: string; columns: ColumnMap; relations: Record<string, unknown> }> | undefined };
}

/**
 * What a repository works out once from its table and options, shared by all its bound copies.
 * Untyped in the table: the public {@link Repository} interface carries the row types.
 */
export interface RepositoryShape {
  readonly table: PgTable;
  readonly name: string;
  readonly columns: ColumnMap;
  readonly primaryKey: string;
  readonly pk: Column;
  readonly softDeletable: boolean;
  readonly options: RepositoryOptions<PgTable>;
  readonly policy: WritePolicy;
  readonly sortable: readonly string[];
  readonly defaultSort: readonly SortKey[];
  readonly maxPageSize: number;
  readonly maxRows: number;
  readonly secret: ReturnType<typeof cursorSecret>;
  /** Prepared statements, keyed by the db (or transaction) they were prepared on. */
  readonly prepared: WeakMap<object, Map<string, PreparedRead>>;
  readonly relational: WeakMap<object, Map<string, PreparedRelational>>;
  /** Statements compiled once per drizzle instance (see rowsFor); null where the driver cannot run one directly. */
  readonly compiled: WeakMap<object, Map<string, RowStatement | null>>;
  readonly compiledRelational: WeakMap<object, Map<string, CompiledRelational | null>>;
  /** Numbers the prepared statements (their names must differ per shape). */
  readonly counter: { relational: number; statements: number };
  /** The repositories bound to a transaction with `in(tx)`, one per transaction. */
  readonly bound: WeakMap<object, unknown>;
}

/** One repository's shape plus the db its methods run on: every capability file takes one. */
export interface RepositoryContext extends RepositoryShape {
  readonly db: AnyDb;
  /** `db` through the untyped builder facade. */
  readonly q: QueryFacade;
}

/** Checks a table and options and works out the shape; throws for a table a repository cannot serve. */
export function repositoryShape(table: PgTable, options: RepositoryOptions<PgTable>): RepositoryShape {
  const name = getTableName(table);
  const columns = getTableColumns(table) as ColumnMap;
  const primaryKey = Object.entries(columns).find(([, c]) => c.primary)?.[0];
  if (!primaryKey) throw new Error(`createRepository: ${name} has no single-column primary key`);
  const sortable: string[] = [...(options.sortable ?? [])];
  for (const key of sortable) {
    if (!columns[key]?.notNull) throw new Error(`createRepository: ${name}.${key} is not a NOT NULL column; it cannot be sortable`);
  }
  return {
    table,
    name,
    columns,
    primaryKey,
    pk: columns[primaryKey]!,
    softDeletable: 'deletedAt' in columns,
    options,
    policy: writePolicy(columns, primaryKey, options.immutable ?? [], options.writable ?? []),
    sortable,
    defaultSort: (options.defaultSort ?? []) as readonly SortKey[],
    maxPageSize: options.maxPageSize ?? 100,
    maxRows: options.maxRows ?? 1000,
    secret: cursorSecret(options.cursorSecret),
    prepared: new WeakMap(),
    relational: new WeakMap(),
    compiled: new WeakMap(),
    compiledRelational: new WeakMap(),
    counter: { relational: 0, statements: 0 },
    bound: new WeakMap(),
  };
}

/**
 * The shape bound to a db or transaction. The shape is the prototype rather than copied: `in(tx)` binds
 * once per transaction, and copying its twenty fields was a measurable part of a small transaction.
 */
export function bindContext(shape: RepositoryShape, db: AnyDb): RepositoryContext {
  const ctx = Object.create(shape) as { -readonly [K in keyof RepositoryContext]: RepositoryContext[K] };
  ctx.db = db;
  ctx.q = db as unknown as QueryFacade;
  return ctx;
}

/** Runs database work, turning whatever the driver throws into a typed data-layer error. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapDatabaseError(error);
  }
}
