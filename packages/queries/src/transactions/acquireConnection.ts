import type { ReservedSql, Sql } from 'postgres';
import { TimeoutError } from '../errors/errors.ts';

const ACQUIRE_TIMEOUTS = new WeakMap<object, number>();

/** Default wait for a free pooled connection before a transaction fails with a TimeoutError. */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;

/** Records the acquire timeout of a postgres.js client (createDatabase's `pool.acquireTimeoutMs`). */
export function setAcquireTimeout(client: Sql, ms: number): void {
  ACQUIRE_TIMEOUTS.set(client, ms);
}

/**
 * Reserves a pooled connection, or fails with a typed connection {@link TimeoutError} when none frees
 * up in time: postgres.js itself would queue forever. A reservation that arrives after the timeout is
 * released at once, so nothing leaks.
 */
export async function acquireConnection(client: Sql): Promise<ReservedSql> {
  const ms = ACQUIRE_TIMEOUTS.get(client) ?? DEFAULT_ACQUIRE_TIMEOUT_MS;
  const pending = client.reserve();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError('connection')), ms);
  });
  try {
    return await Promise.race([pending, timeout]);
  } catch (error) {
    pending.then((reserved) => reserved.release(), () => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
