import { statementName } from '../driver/driverOf.ts';
import { compileRelational, type RelationalStatement } from '../driver/relationalStatement.ts';
import { compileRows, statementFamily, type ColumnReader, type RowStatement, type RowsWithExtras } from '../driver/rowStatement.ts';
import type { RepositoryContext } from './context.ts';
import { tableRow } from './tableRow.ts';
import type { scopeWith } from './relationalScope.ts';

/** A prepared row read. */
export interface PreparedRead {
  execute(params: Record<string, unknown>): Promise<unknown[]>;
}

/** A prepared relational read and how to prune soft-deleted related rows from its result. */
export interface PreparedRelational {
  statement: { execute(params: unknown): Promise<unknown> };
  prune: ReturnType<typeof scopeWith>['prune'];
}

/** A compiled relational read and its pruning, cached per drizzle instance. */
export interface CompiledRelational {
  compiled: RelationalStatement;
  prune: ReturnType<typeof scopeWith>['prune'];
}

/** A relational read ready to run: its rows, and how to prune their soft-deleted related rows. */
export interface RelationalRead {
  execute(values: Record<string, unknown>): Promise<unknown[]>;
  prune: ReturnType<typeof scopeWith>['prune'];
}

// Built once and reused: no query building on the hot path. Statements the data layer runs itself are
// kept per drizzle instance (rowsFor, relationalFor) and serve the db and every transaction of it;
// drizzle's own prepared statements, the fallback for drivers it cannot run directly, are kept per db
// or transaction object (preparedFor). The caches live on the repository's shape, so a repository
// bound with `in(tx)` shares them.

/**
 * Most statement shapes one repository keeps prepared per db. postgres.js keeps a named statement on
 * every connection for every distinct text it ran prepared, so filters with unbounded shapes (generated
 * queries) must not each become one: past this many, a new shape runs unnamed (built per call, parsed
 * per call, nothing kept) while the first ones stay prepared.
 *
 * @example
 * // a repository serving up to MAX_PREPARED_SHAPES distinct filter shapes keeps each prepared
 */
export const MAX_PREPARED_SHAPES = 256;

/**
 * The entry cached under `key` for `db` in `caches`, built with a statement name on first use; past
 * {@link MAX_PREPARED_SHAPES} built unnamed (drizzle then runs it without `prepare`, and postgres.js keeps
 * nothing for it) and not kept.
 */
function cachedPerShape<T>(caches: WeakMap<object, Map<string, T>>, db: object, key: string, name: () => string, build: (name: string) => T): T {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let entry = cache.get(key);
  if (entry) return entry;
  if (cache.size >= MAX_PREPARED_SHAPES) return build(undefined as unknown as string);
  cache.set(key, (entry = build(name())));
  return entry;
}

/** The read prepared for `key` on the context's db, built and named on first use. */
export function preparedFor(ctx: RepositoryContext, key: string, build: () => { prepare(name: string): PreparedRead }): PreparedRead {
  return cachedPerShape(
    ctx.prepared,
    ctx.db,
    key,
    () => statementName(ctx.db, `${ctx.name}_${++ctx.counter.statements}`),
    (name) => build().prepare(name),
  );
}

/** A query whose result columns are known, in order, with how each is read. */
export interface RowQuery {
  query: { toSQL(): { sql: string; params: unknown[] }; prepare(name: string): PreparedRead };
  columns: readonly (readonly [string, ColumnReader])[];
}

/**
 * The read for `key`, compiled once per drizzle instance and run on the context's db, so a repository
 * bound to a transaction with `in(tx)` builds nothing (see compileRows); where the driver cannot run it
 * directly, drizzle's statement prepared per db ({@link preparedFor}). Past {@link MAX_PREPARED_SHAPES}
 * shapes, compiled per call and run unnamed.
 *
 * @example
 * const read = rowsFor(ctx, 'by_email_live', () => ({ query: db.select().from(users).where(…), columns: Object.entries(ctx.columns) }));
 * const rows = await read.execute({ value: email });
 */
export function rowsFor(ctx: RepositoryContext, key: string, build: () => RowQuery): PreparedRead {
  const compiled = compiledFor(ctx, key, (prepare) => {
    const { query, columns } = build();
    return compileRows(ctx.db, query, columns, { prepare });
  });
  if (compiled) return { execute: (values) => compiled.execute(ctx.db, values) };
  return preparedFor(ctx, key, () => build().query);
}

/**
 * The statement compiled for `key` on the context's drizzle instance (prepared unless past
 * {@link MAX_PREPARED_SHAPES}), or null where the data layer cannot run it itself (see compileRows).
 */
function compiledFor(ctx: RepositoryContext, key: string, compile: (prepare: boolean) => RowStatement | undefined): RowStatement | null {
  const family = statementFamily(ctx.db);
  if (family === undefined) return null;
  return cachedPerShape(
    ctx.compiled,
    family,
    key,
    () => 'named',
    (name) => compile(name !== undefined) ?? null,
  );
}

/**
 * A read whose rows of the table carry computed columns, selected after the table's own (cursor keys,
 * a window total, a batch ordinal): the rows with the table's fields only, and each row's computed
 * values beside it, as compiled statements return them; drizzle's fallback rows are split the same way.
 *
 * @example
 * const { rows, extras } = await rowsWithExtrasFor(ctx, key, [['__org_total', AS_IS]], () => query).execute(values);
 */
export function rowsWithExtrasFor(
  ctx: RepositoryContext,
  key: string,
  extras: readonly (readonly [string, ColumnReader])[],
  build: () => RowQuery['query'],
): { execute(values: Record<string, unknown>): Promise<RowsWithExtras> } {
  const columns = Object.entries(ctx.columns);
  const compiled = compiledFor(ctx, key, (prepare) => compileRows(ctx.db, build(), columns, { prepare, extras: extras.map(([, reader]) => reader) }));
  if (compiled) return { execute: (values) => compiled.executeWithExtras(ctx.db, values) };
  const prepared = preparedFor(ctx, key, build);
  const keys = Object.keys(ctx.columns);
  return {
    execute: async (values) => {
      const found = (await prepared.execute(values)) as Record<string, unknown>[];
      return { rows: found.map((row) => tableRow(row, keys)), extras: found.map((row) => extras.map(([name]) => row[name])) };
    },
  };
}

/**
 * The relational read for `key` (a drizzle `findMany`): compiled once per drizzle instance and run on
 * the context's db (see compileRelational), else drizzle's statement prepared per db. `build` makes the
 * query and the pruning of its soft-deleted related rows.
 *
 * @example
 * const read = relationalFor(ctx, key, () => ({ query: db.query.users.findMany({ … }), prune }));
 * const rows = await read.execute({ id });
 */
export function relationalFor(ctx: RepositoryContext, key: string, build: () => { query: unknown; prune: RelationalRead['prune'] }): RelationalRead {
  const family = statementFamily(ctx.db);
  if (family !== undefined) {
    const entry = cachedPerShape(
      ctx.compiledRelational,
      family,
      key,
      () => 'named',
      (name) => {
        const { query, prune } = build();
        const compiled = compileRelational(ctx.db, query, { prepare: name !== undefined });
        return compiled ? { compiled, prune } : null;
      },
    );
    if (entry) return { execute: (values) => entry.compiled.execute(ctx.db, values), prune: entry.prune };
  }
  const prepared = cachedPerShape(
    ctx.relational,
    ctx.db,
    key,
    () => statementName(ctx.db, `${ctx.name}_with_${ctx.counter.relational++}`),
    (name) => {
      const { query, prune } = build();
      return { statement: (query as { prepare(n: string): PreparedRelational['statement'] }).prepare(name), prune };
    },
  );
  return { execute: async (values) => (await prepared.statement.execute(values)) as unknown[], prune: prepared.prune };
}
