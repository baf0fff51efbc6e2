import { AsyncLocalStorage } from 'node:async_hooks';


/** Per postgres.js client: pool size, acquire timeout, connections our transactions hold. */
interface PoolState {
  max: number;
  acquireTimeoutMs: number;
  reserved: number;
  waiters: Set<() => void>;
}

const STATES = new WeakMap<object, PoolState>();
/** The clients on which the current async context is inside one of our transactions. */
const insideTransaction = new AsyncLocalStorage<ReadonlySet<object>>();

/** Default wait for a free pooled connection before a typed connection TimeoutError. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;

/** The state of a client (created on first use from its own options). */
export function poolState(client: object): PoolState {
  let state = STATES.get(client);
  if (!state) {
    const max = (client as { options?: { max?: number } }).options?.max ?? 10;
    STATES.set(client, (state = { max, acquireTimeoutMs: DEFAULT_ACQUIRE_TIMEOUT_MS, reserved: 0, waiters: new Set() }));
  }
  return state;
}

/** Records createDatabase's `pool.acquireTimeoutMs` for a client. */
export function setAcquireTimeout(client: object, ms: number): void {
  poolState(client).acquireTimeoutMs = ms;
}

/** Counts a connection held by one of our transactions. */
export function holdConnection(client: object): () => void {
  const state = poolState(client);
  state.reserved++;
  return () => {
    state.reserved--;
    for (const wake of state.waiters) wake();
  };
}

/** Runs `fn` marked as inside a transaction on `client`. */
export function runInsideTransaction<T>(client: object, fn: () => Promise<T>): Promise<T> {
  const outer = insideTransaction.getStore() ?? new Set<object>();
  return insideTransaction.run(new Set([...outer, client]), fn);
}

/**
 * Whether a query on `client` from here would wait on itself: the current context holds one of our
 * transactions on this client and every pooled connection is held by our transactions.
 */
export function wouldDeadlock(client: object): boolean {
  const state = poolState(client);
  return (insideTransaction.getStore()?.has(client) ?? false) && state.reserved >= state.max;
}

/** Waits until a held connection is released, up to the acquire timeout; false on timeout. */
export function waitForRelease(client: object): Promise<boolean> {
  const state = poolState(client);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.waiters.delete(wake);
      resolve(false);
    }, state.acquireTimeoutMs);
    const wake = () => {
      if (state.reserved >= state.max) return;
      clearTimeout(timer);
      state.waiters.delete(wake);
      resolve(true);
    };
    state.waiters.add(wake);
  });
}

