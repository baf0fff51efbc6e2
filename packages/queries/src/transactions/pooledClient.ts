import { nullSafeArrayParsers } from '@org/migrations';
import postgres, { type Options, type Sql } from 'postgres';
import { TransactionScopeError } from '../errors/errors.ts';
import { recordStatementError } from '../errors/statementErrors.ts';
import { SESSION_ENDED } from './connectionLink.ts';
import { isInsideTransaction } from './transactionContext.ts';
import { SlotPool, type Slot } from './slotPool.ts';
import { slotTransaction } from './slotTransaction.ts';
import type { DatabaseTracer } from '../tracing/DatabaseTracer.ts';
import { traceStatement, type StatementTarget } from '../tracing/traceStatement.ts';

const POOLS = new WeakMap<object, SlotPool>();

/** The slot pool behind a client made by {@link pooledClient}, for statistics. */
export function slotPoolOf(client: object): SlotPool | undefined {
  return POOLS.get(client);
}

type Deferred = PromiseLike<unknown> & { values(): Deferred; execute(): Deferred; simple(): Deferred };

/**
 * A postgres.js-compatible client over a {@link SlotPool}: what drizzle's postgres-js driver and
 * `@org/migrations` call — `unsafe`, tagged templates, `begin` (drizzle's `db.transaction`),
 * `reserve`, `end`, `options` — with every connection wait bounded and typed, transactions that
 * survive lost connections (see {@link slotTransaction}), and a typed error at once for the outer
 * client used inside one of its own transactions.
 *
 * `options` is a template: drizzle adjusts its parsers and serialisers once, and every connection
 * opened later gets the same.
 */
export function pooledClient(
  url: string,
  options: Options<{}> & { max: number },
  acquireTimeoutMs: number,
  tracing: { tracer?: DatabaseTracer | undefined; replica: boolean } = { replica: false },
): Sql {
  const target: StatementTarget = { engine: 'postgresql', replica: tracing.replica };
  const template = postgres(url, { ...options, max: 1 });
  const open = () => {
    const sql = postgres(url, { ...options, max: 1 });
    nullSafeArrayParsers(sql); // before the first connect, when postgres.js adds its array parsers
    Object.assign(sql.options.parsers, template.options.parsers);
    Object.assign(sql.options.serializers, template.options.serializers);
    return sql;
  };
  const pool = new SlotPool(open, options.max, acquireTimeoutMs);

  const refuseInsideTransaction = () => {
    if (isInsideTransaction(client)) throw new TransactionScopeError();
  };

  /** One statement on a shared slot: sent once a slot is granted, the slot given back when it settles. */
  const statement = (text: string, send: (sql: Sql) => PromiseLike<unknown> & { values(): unknown; simple(): unknown }): Deferred => {
    refuseInsideTransaction();
    const modifiers: ('values' | 'simple')[] = [];
    let running: Promise<unknown> | undefined;
    const run = () =>
      (running ??= (async () => {
        const granted = pool.acquireShared();
        const slot: Slot = granted instanceof Promise ? await granted : granted;
        try {
          const query = send(slot.sql);
          for (const m of modifiers) query[m]();
          // Untraced (the default), the statement is awaited as it is: no span work on the hot path.
          return await (tracing.tracer ? traceStatement(tracing.tracer, target, text, async () => query) : query);
        } catch (error) {
          recordStatementError(error);
          const code = (error as { code?: unknown } | null)?.code;
          // The session is gone: the next statement must not be handed to it (see SlotPool.discard).
          if (typeof code === 'string' && SESSION_ENDED.test(code)) pool.discard(slot);
          throw error;
        } finally {
          pool.releaseShared(slot);
        }
      })());
    const deferred: Deferred = {
      values: () => {
        modifiers.push('values');
        return deferred;
      },
      simple: () => {
        modifiers.push('simple');
        return deferred;
      },
      execute: () => {
        void run();
        return deferred;
      },
      // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as postgres.js's own query is: `await` sends the statement
      then: (ok, fail) => run().then(ok, fail),
    };
    return deferred;
  };

  const client = Object.assign(
    (first: unknown, ...rest: unknown[]) => {
      // A tagged template is a statement; `sql(value)` builds a fragment and needs no connection.
      if (Array.isArray(first) && Array.isArray((first as unknown as TemplateStringsArray).raw)) {
        return statement((first as unknown as string[]).join('?'), (sql) => (sql as unknown as (...a: unknown[]) => never)(first, ...rest));
      }
      return (template as unknown as (...a: unknown[]) => unknown)(first, ...rest);
    },
    {
      options: template.options,
      unsafe: (query: string, params?: unknown[], queryOptions?: object) =>
        statement(query, (sql) => sql.unsafe(query, params as never, queryOptions as never) as never),
      begin: (optionsOrFn: unknown, maybeFn?: unknown) => {
        refuseInsideTransaction();
        // drizzle calls begin(fn); isolation and access mode come through its SET TRANSACTION.
        const fn = (typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn) as (c: unknown) => Promise<unknown>;
        return slotTransaction(client, pool, fn, { tracer: tracing.tracer, target });
      },
      reserve: async () => {
        refuseInsideTransaction();
        const granted = pool.acquireExclusive();
        const slot = granted instanceof Promise ? await granted : granted;
        let released = false;
        return Object.assign((...args: unknown[]) => (slot.sql as unknown as (...a: unknown[]) => unknown)(...args), slot.sql, {
          unsafe: slot.sql.unsafe.bind(slot.sql),
          release: () => {
            if (released) return;
            released = true;
            pool.releaseExclusive(slot);
          },
        });
      },
      end: async (endOptions?: { timeout?: number }) => {
        await Promise.all([pool.end(endOptions), template.end(endOptions)]);
      },
    },
  ) as unknown as Sql;
  POOLS.set(client, pool);
  return client;
}
