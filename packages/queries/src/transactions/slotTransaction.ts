import type { Sql } from 'postgres';
import { TransactionAbortedError } from '../errors/errors.ts';
import { isDatabaseError } from '../errors/mapDatabaseError.ts';
import { ConnectionLink } from './connectionLink.ts';
import type { SlotPool } from './slotPool.ts';
import { transactionClient } from './transactionClient.ts';
import { currentAttempt, runInsideTransaction } from './transactionContext.ts';
import type { DatabaseTracer } from '../tracing/DatabaseTracer.ts';
import { traceTransaction, type StatementTarget } from '../tracing/traceStatement.ts';

/**
 * A top-level transaction on a whole slot of the pool (what drizzle's `db.transaction` runs, through
 * the pooled client's `begin`): a bounded wait for the slot, BEGIN, the callback, COMMIT; ROLLBACK on
 * any failure while the connection lives; the slot back to the pool on every path.
 *
 * - A lost connection (see {@link ConnectionLink}) surfaces as a typed ConnectionError, nothing is
 *   written to it again, and the slot is replaced by a fresh client.
 * - Application errors pass through unchanged, after ROLLBACK.
 * - A COMMIT that PostgreSQL turned into ROLLBACK (a failed statement the callback caught) is a
 *   TransactionAbortedError, not a success.
 */
export function slotTransaction<T>(
  client: Sql,
  pool: SlotPool,
  fn: (tx: ReturnType<typeof transactionClient>) => Promise<T>,
  tracing: { tracer?: DatabaseTracer | undefined; target: StatementTarget },
): Promise<T> {
  return traceTransaction(tracing.tracer, tracing.target, currentAttempt(), () => runOnSlot(client, pool, fn, tracing));
}

async function runOnSlot<T>(
  client: Sql,
  pool: SlotPool,
  fn: (tx: ReturnType<typeof transactionClient>) => Promise<T>,
  tracing: { tracer?: DatabaseTracer | undefined; target: StatementTarget },
): Promise<T> {
  const granted = pool.acquireExclusive();
  const slot = granted instanceof Promise ? await granted : granted;
  const link = new ConnectionLink();
  const tx = transactionClient(slot.sql, link, tracing);
  const run = (statement: string, options?: object) => link.watch(slot.sql.unsafe(statement, [], options as never) as never) as Promise<{ command?: string }>;
  try {
    try {
      await run('begin', { onexecute: link.attach });
    } catch (error) {
      throw link.lost ? link.lostError('at BEGIN') : error;
    }
    forgetConnectFailures(slot.sql);
    let result: T;
    try {
      result = await runInsideTransaction(client, () => fn(tx));
    } catch (error) {
      if (!link.lost) await run('rollback').catch(() => {});
      // A failure caused by the lost connection becomes the typed loss; the application's own errors
      // reach the caller as thrown.
      throw link.lost && isDatabaseError(error) ? link.lostError('during the transaction') : error;
    }
    if (link.lost) throw link.lostError('before COMMIT');
    if (link.broken !== undefined) {
      await run('rollback').catch(() => {});
      throw link.broken;
    }
    let committed: { command?: string };
    try {
      committed = await run('commit');
    } catch (error) {
      throw link.lost ? link.lostError('during COMMIT', 'the server may or may not have committed it') : error;
    }
    // PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK, and no error.
    if (committed.command === 'ROLLBACK') throw new TransactionAbortedError();
    return result;
  } finally {
    link.detach();
    if (link.lost) pool.discard(slot);
    else pool.releaseExclusive(slot);
  }
}

/**
 * postgres.js counts failed connects in `options.shared.retries` and waits `backoff(retries)` before
 * each reconnect, but with `fetch_types` (its default) it never resets the count after a successful
 * connect: after a few lost connections every reconnect would wait seconds. A transaction that began
 * is proof the server answers, so the count starts over.
 */
function forgetConnectFailures(sql: Sql): void {
  const shared = (sql as unknown as { options?: { shared?: { retries?: number } } }).options?.shared;
  if (shared) shared.retries = 0;
}
