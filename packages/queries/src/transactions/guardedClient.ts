import type { Sql } from 'postgres';
import { TimeoutError } from '../errors/errors.ts';
import { waitForRelease, wouldDeadlock } from './poolState.ts';

/**
 * Wraps a postgres.js client so that a query issued from inside one of our transactions on it,
 * while every pooled connection is held by our transactions, waits at most the acquire timeout and
 * then fails with a typed connection TimeoutError. postgres.js would queue it forever: the classic
 * "outer client used inside a transaction" deadlock on a small pool.
 */
export function guardedClient(client: Sql): Sql {
  const unsafe = (query: string, params?: unknown[], options?: object) => {
    if (!wouldDeadlock(proxy)) return client.unsafe(query, params as never, options as never);
    const ready = waitForRelease(proxy).then((freed) => {
      if (!freed) throw new TimeoutError('connection');
    });
    // drizzle calls `.values()` on the result or awaits it; both start only once a slot is free.
    const later = <T>(run: () => PromiseLike<T>) => ready.then(run);
    return {
      values: () => later(() => client.unsafe(query, params as never, options as never).values()),
      then: (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) =>
        later(() => client.unsafe(query, params as never, options as never)).then(ok, fail),
    };
  };
  const proxy: Sql = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') return unsafe;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}
