import type { ReservedSql, Sql } from 'postgres';
import { TimeoutError } from '../errors/errors.ts';
import { poolState } from './poolState.ts';

/**
 * Reserves a pooled connection, or fails with a typed connection {@link TimeoutError} when none frees
 * up in time: postgres.js itself would queue forever. A reservation that arrives after the timeout is
 * released at once, so nothing leaks.
 */
export async function acquireConnection(client: Sql): Promise<ReservedSql> {
  const ms = poolState(client).acquireTimeoutMs;
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
