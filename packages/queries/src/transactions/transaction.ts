import { is } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { DataLayerError } from '../errors/DataLayerError.ts';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import { postgresJsRoot, runPostgresJsTransaction } from './postgresJsTransaction.ts';

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
  const nested = is(db, PgTransaction);
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
      const postgresJs = nested ? undefined : postgresJsRoot(db);
      if (postgresJs) return await runPostgresJsTransaction(postgresJs as TDb, fn, config);
      // An empty config would make drizzle send a bare `set transaction` (a syntax error).
      const settings = nested || Object.keys(config).length === 0 ? undefined : config;
      return await db.transaction((tx) => fn(tx as unknown as TDb), settings);
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
