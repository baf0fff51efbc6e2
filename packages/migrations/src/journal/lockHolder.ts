import type { MigrationConnection } from '../connection/MigrationConnection.ts';

/** The session holding the migration lock, as pg_stat_activity shows it (no query text: it may hold values). */
export interface LockHolder {
  pid: number;
  applicationName: string;
  /** `active`, `idle`, `idle in transaction`, … */
  state: string | null;
  /** When its current (or last) statement started. */
  queryStart: Date | null;
  /** When the session connected. */
  backendStart: Date | null;
}

/**
 * Who holds the advisory lock `key` in this database, or undefined (PGlite, where there are no other
 * sessions, or a lock released in the meantime). A session-level bigint advisory lock shows in
 * pg_locks as `classid` (high 32 bits) and `objid` (low 32 bits) with `objsubid` 1.
 */
export async function findLockHolder(conn: MigrationConnection, key: string): Promise<LockHolder | undefined> {
  const [row] = await conn.query<{
    pid: number;
    application_name: string;
    state: string | null;
    query_start: Date | string | null;
    backend_start: Date | string | null;
  }>(
    `select a.pid, a.application_name, a.state, a.query_start, a.backend_start
     from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.pid <> pg_backend_pid()
       and l.database = (select oid from pg_database where datname = current_database())
       and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)
     limit 1`,
    [key],
  );
  if (!row) return undefined;
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    pid: row.pid,
    applicationName: row.application_name,
    state: row.state,
    queryStart: date(row.query_start),
    backendStart: date(row.backend_start),
  };
}

/**
 * One line about a holder, for messages.
 *
 * @example
 * describeLockHolder(holder); // 'pid 4242 (application "org-migrate", state active, statement started 2026-01-01T10:00:00.000Z)'
 */
export function describeLockHolder(holder: LockHolder): string {
  const parts = [
    `application "${holder.applicationName}"`,
    `state ${holder.state ?? 'unknown'}`,
    holder.queryStart ? `statement started ${holder.queryStart.toISOString()}` : undefined,
    holder.backendStart ? `connected ${holder.backendStart.toISOString()}` : undefined,
  ];
  return `pid ${holder.pid} (${parts.filter(Boolean).join(', ')})`;
}
