import type { Sql } from 'postgres';
import type { ConnectionLink } from './connectionLink.ts';

type Unsafe = Sql['unsafe'];

/**
 * A query that fails with `error` however it is used — awaited, `.values()`, `.simple()`, `.writable()`
 * (COPY), `.cursor()` — without touching the connection.
 */
function refused(error: unknown): unknown {
  const fail = () => Promise.reject(error);
  const query: object = new Proxy(
    {},
    {
      get: (_, property) =>
        property === 'then'
          ? (ok?: (v: unknown) => unknown, no?: (e: unknown) => unknown) => fail().then(ok, no)
          : property === 'values' || property === 'simple' || property === 'raw'
            ? () => query
            : () => fail(),
    },
  );
  return query;
}

/**
 * The client drizzle's postgres-js session runs a transaction's statements on: the slot's `unsafe`, and `savepoint(cb)` for nested transactions. Every statement is watched by the
 * {@link ConnectionLink}; once the connection is lost (or the transaction is broken) every statement
 * fails with a typed error instead of being written.
 */
export function transactionClient(reserved: Sql, link: ConnectionLink) {
  let depth = 0;
  const unsafe = ((query: string, params?: never, options?: never) => {
    if (link.lost) return refused(link.lostError('before this statement'));
    if (link.broken !== undefined) return refused(link.broken);
    return link.watch(reserved.unsafe(query, params, options) as never);
  }) as unknown as Unsafe;
  const client = Object.assign((...args: Parameters<Sql>) => link.watch(reserved(...args) as never), {
    unsafe,
    async savepoint<T>(work: (c: typeof client) => Promise<T>): Promise<T> {
      const name = `org_sp_${++depth}`;
      try {
        await unsafe(`savepoint ${name}`);
        try {
          const result = await work(client);
          await unsafe(`release savepoint ${name}`);
          return result;
        } catch (error) {
          // Every failure of the block — the application's own included — undoes the block's writes.
          if (!link.lost && link.broken === undefined) {
            await unsafe(`rollback to savepoint ${name}`).catch((rollbackError: unknown) => {
              // The block's writes may still be in the transaction: it must not commit.
              if (!link.lost) link.broken = rollbackError;
            });
          }
          throw error;
        }
      } finally {
        depth--;
      }
    },
  });
  return client;
}
