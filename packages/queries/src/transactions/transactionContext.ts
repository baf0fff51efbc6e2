import { AsyncLocalStorage } from 'node:async_hooks';

/** The clients on which the current async context is inside one of our transactions. */
const insideTransaction = new AsyncLocalStorage<ReadonlySet<object>>();

/** Default wait for a free pooled connection before a typed connection TimeoutError. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;

/** Runs `fn` marked as inside a transaction on `client`. */
export function runInsideTransaction<T>(client: object, fn: () => Promise<T>): Promise<T> {
  const outer = insideTransaction.getStore();
  return insideTransaction.run(outer ? new Set([...outer, client]) : new Set([client]), fn);
}

/** Which attempt of a retried transaction is running (1 when not retried), for tracing. */
const attempts = new AsyncLocalStorage<number>();

/** Runs `fn` as the given attempt of a transaction. */
export function runAttempt<T>(attempt: number, fn: () => Promise<T>): Promise<T> {
  return attempts.run(attempt, fn);
}

/** The attempt the current transaction is. */
export function currentAttempt(): number {
  return attempts.getStore() ?? 1;
}

/** Whether the current async context is inside one of our transactions on `client`. */
export function isInsideTransaction(client: object): boolean {
  return insideTransaction.getStore()?.has(client) ?? false;
}

/**
 * An identity of the current transaction context (undefined outside every transaction): work that
 * joins callers (key batching) joins only callers with the same one.
 */
export function transactionContext(): unknown {
  return insideTransaction.getStore();
}
