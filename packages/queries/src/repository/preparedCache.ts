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

/** The read prepared for `key` on the context's db, built and named on first use. */
export function preparedFor(ctx: RepositoryContext, key: string, build: () => { prepare(name: string): PreparedRead }): PreparedRead {
  let cache = ctx.prepared.get(ctx.db);
  if (!cache) ctx.prepared.set(ctx.db, (cache = new Map()));
  let statement = cache.get(key);
  if (statement) return statement;
  // Unnamed: drizzle runs it without `prepare`, and postgres.js keeps nothing for it.
  if (cache.size >= MAX_PREPARED_SHAPES) return build().prepare(undefined as unknown as string);
  cache.set(key, (statement = build().prepare(statementName(ctx.db, `${ctx.name}_${++ctx.counter.statements}`))));
  return statement;
}

/** The relational read prepared for `key` on the context's db, built on first use (past the bound, built and not kept). */
export function preparedWith(ctx: RepositoryContext, key: string, build: (name: string) => PreparedRelational): PreparedRelational {
  let cache = ctx.relational.get(ctx.db);
  if (!cache) ctx.relational.set(ctx.db, (cache = new Map()));
  let entry = cache.get(key);
  if (entry) return entry;
  // Unnamed past the bound, as in preparedFor: nothing is kept, here or on the server.
  if (cache.size >= MAX_PREPARED_SHAPES) return build(undefined as unknown as string);
  cache.set(key, (entry = build(statementName(ctx.db, `${ctx.name}_with_${ctx.counter.relational++}`))));
  return entry;
}
