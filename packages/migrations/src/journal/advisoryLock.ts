import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { MigrationLockTimeoutError } from '../errors.ts';

/** How long to wait for another runner and how often to look. */
export interface LockWait {
  timeoutMs: number;
  pollMs: number;
}

/**
 * Takes a session-level advisory lock keyed by the journal table, polling with `pg_try_advisory_lock`
 * instead of blocking in `pg_advisory_lock`, so a stuck peer produces a clear timeout instead of a
 * hang. A session that dies releases the lock with it.
 */
export async function acquireAdvisoryLock(
  conn: MigrationConnection,
  key: string,
  wait: LockWait,
): Promise<() => Promise<void>> {
  const started = Date.now();
  for (;;) {
    const [row] = await conn.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
      [key],
    );
    if (row?.locked) {
      return async () => {
        await conn.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      };
    }
    const waited = Date.now() - started;
    if (waited >= wait.timeoutMs) throw new MigrationLockTimeoutError(waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait.pollMs, wait.timeoutMs - waited)));
  }
}
