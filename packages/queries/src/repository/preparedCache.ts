import { statementName } from '../driver/driverOf.ts';
import type { RepositoryContext } from './context.ts';
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

// Prepared once per db (or transaction) object and reused: no query building on the hot path. The
// caches live on the repository's shape, so a repository bound with `in(tx)` shares them.

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

/** The relational read prepared for `key` on the context's db, built on first use. */
export function preparedWith(ctx: RepositoryContext, key: string, build: (name: string) => PreparedRelational): PreparedRelational {
  return cachedPerShape(ctx.relational, ctx.db, key, () => statementName(ctx.db, `${ctx.name}_with_${ctx.counter.relational++}`), build);
}
