import type { PGlite } from '@electric-sql/pglite';
import { TransactionAbortedError, TransactionScopeError } from '../errors/errors.ts';
import { currentAttempt, isInsideTransaction, runInsideTransaction } from './transactionContext.ts';
import type { DatabaseTracer } from '../tracing/DatabaseTracer.ts';
import { traceStatement, traceTransaction, type StatementTarget } from '../tracing/traceStatement.ts';

const STATEMENT_METHODS = new Set(['query', 'exec', 'sql', 'transaction']);

/**
 * Wraps a PGlite instance so that
 * - using it from inside one of its own transactions fails at once with a {@link TransactionScopeError}:
 *   PGlite is one connection behind a mutex, and a query on the instance while its transaction is open
 *   waits for that transaction, which waits for the query — forever;
 * - a transaction whose callback caught a failed statement (so PostgreSQL aborted it, and COMMIT
 *   silently rolls back) fails with a {@link TransactionAbortedError} instead of reporting success.
 */
export function guardedPglite(client: PGlite, tracer?: DatabaseTracer): PGlite {
  const where: StatementTarget = { engine: 'pglite', replica: false };
  // The wrappers are made once per method, not on every property read: drizzle reads `client.query`
  // for every statement.
  const wrappers = new Map<PropertyKey, { value: unknown; wrapper: unknown }>();
  const proxy: PGlite = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const known = wrappers.get(property);
      if (known?.value === value) return known.wrapper;
      const wrapper = wrap(target, property, value as (...a: unknown[]) => unknown);
      wrappers.set(property, { value, wrapper });
      return wrapper;
    },
  });
  const wrap = (target: PGlite, property: PropertyKey, value: (...a: unknown[]) => unknown): unknown => {
    const method = value.bind(target);
    if (!STATEMENT_METHODS.has(property as string)) return method;
    return (...args: unknown[]) => {
      if (isInsideTransaction(proxy)) return Promise.reject(new TransactionScopeError());
      if (property !== 'transaction') {
        return tracer ? traceStatement(tracer, where, String(args[0]), () => method(...args) as Promise<unknown>) : method(...args);
      }
      const callback = args[0] as (tx: object) => Promise<unknown>;
      return traceTransaction(tracer, where, currentAttempt(), () =>
        runInsideTransaction(proxy, () => method((tx: object) => runWatched(tx, callback, tracer, where)) as Promise<unknown>),
      );
    };
  };
  return proxy;
}

/** Runs a PGlite transaction callback, tracking whether a failed statement left the transaction aborted. */
async function runWatched(
  tx: object,
  callback: (tx: object) => Promise<unknown>,
  tracer: DatabaseTracer | undefined,
  target: StatementTarget,
): Promise<unknown> {
  let aborted = false;
  const statementTarget = target;
  const watched = new Proxy(tx, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || (property !== 'query' && property !== 'exec' && property !== 'sql')) {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return async (...args: unknown[]) => {
        try {
          const run = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const result = await (tracer ? traceStatement(tracer, statementTarget, String(args[0]), run) : run());
          // A rolled-back savepoint ends the aborted state the failure inside it had caused.
          if (typeof args[0] === 'string' && /^\s*rollback\s+to\s/i.test(args[0])) aborted = false;
          return result;
        } catch (error) {
          aborted = true;
          throw error;
        }
      };
    },
  });
  const result = await callback(watched);
  if (aborted) throw new TransactionAbortedError();
  return result;
}
