import type { Sql } from 'postgres';
import type { ConnectionLink } from './connectionLink.ts';
import type { DatabaseTracer } from '../tracing/DatabaseTracer.ts';
import { traceStatement, type StatementTarget } from '../tracing/traceStatement.ts';

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
export function transactionClient(
  reserved: Sql,
  link: ConnectionLink,
  tracing: { tracer?: DatabaseTracer | undefined; target: StatementTarget } = { target: { engine: 'postgresql', replica: false } },
) {
  let depth = 0;
  const unsafe = ((query: string, params?: never, options?: never) => {
    if (link.lost) return refused(link.lostError('before this statement'));
    if (link.broken !== undefined) return refused(link.broken);
    const statement = link.watch(reserved.unsafe(query, params, options) as never);
    if (!tracing.tracer) return statement;
    // Traced: the span ends when the statement settles; the statement itself is returned untouched.
    void traceStatement(tracing.tracer, tracing.target, query, () => Promise.resolve(statement as PromiseLike<unknown>)).catch(() => {});
    return statement;
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
