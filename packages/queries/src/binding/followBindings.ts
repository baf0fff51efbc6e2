import { runInsideTransaction } from '../transactions/transactionContext.ts';
import { BIND_DATABASE, bindDatabase, boundTarget, registerBindable } from './bindDatabase.ts';

/**
 * Every PgDatabase method that reaches the session (the builders capture it when called). `$with`
 * builds a CTE without one and needs no routing.
 */
const ROUTED = [
  'select',
  'selectDistinct',
  'selectDistinctOn',
  'insert',
  'update',
  'delete',
  'execute',
  'transaction',
  '$count',
  'with',
  'refreshMaterializedView',
] as const;

type Methods = Record<string, (...args: unknown[]) => unknown>;

/**
 * Makes a client's drizzle db follow {@link bindDatabase}: its methods and `query` go to the bound
 * replacement while a binding for `key` is in the current async context, else to the db itself.
 * Patched on the instance, not wrapped in a Proxy: unbound, a call costs one flag test more (see
 * `boundTarget`), and the db stays the same object (`is(db, PgDatabase)`, caches keyed by it).
 * `session`, `dialect` and `$client` are left alone: code that reaches for them bypasses bindings.
 *
 * @example
 * followBindings(db);
 * if (primary !== db) followBindings(primary, db);
 */
export function followBindings(db: object, key: object = db): void {
  const methods = db as Methods;
  for (const name of ROUTED) {
    const own = methods[name];
    if (typeof own !== 'function') continue;
    Object.defineProperty(db, name, {
      configurable: true,
      writable: true,
      enumerable: Object.getOwnPropertyDescriptor(db, name)?.enumerable ?? false,
      value: function routed(this: unknown, ...args: unknown[]): unknown {
        const target = boundTarget(key) as Methods | undefined;
        if (target === undefined) return own.apply(this, args);
        if (name !== 'transaction') return target[name]!(...args);
        // A savepoint in the bound transaction; its callback is marked as inside a transaction on this
        // client, so the client itself used there is refused (see boundTarget), as it is unbound.
        const [callback, ...rest] = args as [(tx: unknown) => Promise<unknown>, ...unknown[]];
        return target.transaction!((tx: unknown) => runInsideTransaction(key, () => callback(tx)), ...rest);
      },
    });
  }
  // drizzle's db has `query` as a field; a replicated db has a getter (a replica per access).
  const query = Object.getOwnPropertyDescriptor(db, 'query');
  const read = query?.get ? query.get.bind(db) : () => query?.value as unknown;
  Object.defineProperty(db, 'query', {
    configurable: true,
    enumerable: true,
    get() {
      const target = boundTarget(key) as { query: unknown } | undefined;
      return target === undefined ? read() : target.query;
    },
  });
  Object.defineProperty(db, BIND_DATABASE, {
    value: <T>(replacement: object, fn: () => T | Promise<T>) => bindDatabase(db, replacement, fn),
  });
  registerBindable(db, key);
}
