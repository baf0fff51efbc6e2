import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { MigrationLockTimeoutError } from '../errors.ts';
import { findLockHolder, type LockHolder } from './lockHolder.ts';

/** How long to wait for another runner and how often to look. */
export interface LockWait {
  timeoutMs: number;
  pollMs: number;
  /** Called once, when the lock is first found taken, with the session holding it (when visible). */
  onWait?: (holder: LockHolder | undefined) => void;
}

/**
 * Takes a session-level advisory lock keyed by the journal table, polling with `pg_try_advisory_lock`
 * instead of blocking in `pg_advisory_lock`, so a stuck peer produces a clear timeout instead of a
 * hang, and the wait is reported with who holds the lock. A session that dies releases the lock with it.
 */
export async function acquireAdvisoryLock(conn: MigrationConnection, key: string, wait: LockWait): Promise<() => Promise<void>> {
  const started = Date.now();
  let holder: LockHolder | undefined;
  for (let attempt = 0; ; attempt++) {
    const [row] = await conn.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [key]);
    if (row?.locked) {
      return async () => {
        await conn.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      };
    }
    if (attempt === 0) {
      holder = await findLockHolder(conn, key);
      wait.onWait?.(holder);
    }
    const waited = Date.now() - started;
    if (waited >= wait.timeoutMs) throw new MigrationLockTimeoutError(waited, (await findLockHolder(conn, key)) ?? holder);
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait.pollMs, wait.timeoutMs - waited)));
  }
}
