import { is } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { resolveDatabase } from '../binding/bindDatabase.ts';
import { DataLayerError } from '../errors/DataLayerError.ts';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import { ValidationError } from '../errors/errors.ts';
import { runAttempt } from './transactionContext.ts';

/** Options of {@link transaction}. */
export interface TransactionOptions {
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
  accessMode?: 'read only' | 'read write';
  /**
   * Retries of the whole callback on serialization failure (40001) or deadlock (40P01), including
   * when PostgreSQL raises them at COMMIT. `false` disables. Only a top-level transaction retries: a
   * nested one (a savepoint) cannot be replayed alone.
   */
  retry?: false | { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Called before each retry (for metrics and logs). */
  onRetry?: (info: { attempt: number; code: string; delayMs: number }) => void;
}

const RETRYABLE = new Set(['SERIALIZATION_FAILURE', 'DEADLOCK']);
const ISOLATION_LEVELS = new Set(['read committed', 'repeatable read', 'serializable']);
const ACCESS_MODES = new Set(['read only', 'read write']);

/**
 * Checks the options before anything runs: isolation level and access mode end up in SQL text
 * (drizzle's SET TRANSACTION writes them raw), so only the documented literals get through.
 */
function checkOptions(options: TransactionOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ValidationError('transaction options must be an object');
  if (options.isolationLevel !== undefined && !ISOLATION_LEVELS.has(options.isolationLevel)) {
    throw new ValidationError(`isolationLevel must be one of ${[...ISOLATION_LEVELS].join(', ')}`);
  }
  if (options.accessMode !== undefined && !ACCESS_MODES.has(options.accessMode)) {
    throw new ValidationError(`accessMode must be one of ${[...ACCESS_MODES].join(', ')}`);
  }
  const retry = options.retry;
  if (retry !== undefined && retry !== false && (typeof retry !== 'object' || retry === null || Array.isArray(retry))) {
    throw new ValidationError('retry must be false or { maxAttempts?, baseDelayMs?, maxDelayMs? }');
  }
  if (options.onRetry !== undefined && typeof options.onRetry !== 'function') throw new ValidationError('onRetry must be a function');
  if (retry !== undefined && retry !== false) {
    for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs'] as const) {
      const n = retry[key];
      if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 1_000_000)) {
        throw new ValidationError(`retry.${key} must be a number from 0 to 1000000`);
      }
    }
  }
}

/**
 * Runs `fn` in a transaction: committed when it returns, rolled back when it throws. Inside another
 * transaction it becomes a savepoint. On postgres.js a free pooled connection is awaited at most
 * `pool.acquireTimeoutMs` (a typed connection TimeoutError instead of a hang), and a lost connection
 * surfaces as a ConnectionError without crashing the process. Serialization failures and deadlocks replay the callback (so it
 * must not have side effects outside the database) with full-jitter exponential backoff; what
 * finally fails is thrown as a typed data-layer error, and application errors pass through as thrown.
 *
 * @example
 * const total = await transaction(db, async (tx) => {
 *   const [row] = await tx.update(counters).set({ n: sql`n + 1` }).returning();
 *   return row.n;
 * }, { isolationLevel: 'serializable' });
 */
export async function transaction<TDb extends PgDatabase<PgQueryResultHKT, any>, T>(
  db: TDb,
  fn: (tx: TDb) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  checkOptions(options);
  // A client bound to a test's transaction (bindDatabase) runs this as a savepoint in it.
  const nested = is(resolveDatabase(db), PgTransaction);
  const retry = options.retry === false || nested ? { maxAttempts: 1 } : (options.retry ?? {});
  const maxAttempts = Math.max(1, retry.maxAttempts ?? 5);
  const base = (retry as { baseDelayMs?: number }).baseDelayMs ?? 10;
  const cap = (retry as { maxDelayMs?: number }).maxDelayMs ?? 500;
  const config = {
    ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
    ...(options.accessMode ? { accessMode: options.accessMode } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      // On a client from createDatabase, drizzle's transaction runs on our guarded pool (bounded wait,
      // typed connection loss, ROLLBACK on every failure; see slotTransaction).
      // An empty config would make drizzle send a bare `set transaction` (a syntax error).
      const settings = nested || Object.keys(config).length === 0 ? undefined : config;
      return await runAttempt(attempt, () => db.transaction((tx) => fn(tx as unknown as TDb), settings));
    } catch (error) {
      const mapped = mapDatabaseError(error);
      const retryable = mapped instanceof DataLayerError && RETRYABLE.has(mapped.code);
      if (!retryable || attempt >= maxAttempts) throw mapped;
      const delayMs = Math.random() * Math.min(cap, base * 2 ** (attempt - 1));
      options.onRetry?.({ attempt, code: mapped.sqlState ?? mapped.code, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
