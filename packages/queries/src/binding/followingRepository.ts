import { bindingKeyOf, boundTarget } from './bindDatabase.ts';

interface Bindable {
  in(tx: never): unknown;
}

/**
 * A repository over a bindable client whose every call, while a binding is in the current async
 * context, runs as `repository.in(boundTransaction)`: with that transaction's own prepared statements
 * and fast-read plans (the caches are keyed by the db they were made on), so nothing prepared on the
 * app's client is served on a test's connection, nor the other way round. Repositories over anything
 * else (a transaction, a plain drizzle db) are returned as they are, with no indirection.
 *
 * @example
 * return followingRepository(bound(shape, db), db);
 */
export function followingRepository<R extends Bindable>(repository: R, db: object): R {
  const key = bindingKeyOf(db);
  if (key === undefined) return repository;
  const routed: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repository)) {
    if (typeof member !== 'function' || name === 'in') {
      routed[name] = member;
      continue;
    }
    const method = member as (...args: unknown[]) => unknown;
    routed[name] = (...args: unknown[]) => {
      const target = boundTarget(key);
      if (target === undefined) return method(...args);
      return (repository.in(target as never) as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
    };
  }
  routed.in = (tx: object) => (tx === db ? routed : repository.in(tx as never));
  return routed as R;
}
