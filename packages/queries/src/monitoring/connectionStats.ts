import { sql } from 'drizzle-orm';
import type { Database } from '../client/createDatabase.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { execute } from '../internal/execute.ts';
import type { PoolStats } from '../transactions/slotPool.ts';
import { toCount, type Count } from './count.ts';

/** Client connections to the current database in one state from one application. */
export interface ConnectionGroup {
  /** `active`, `idle`, `idle in transaction`, …; `null` for sessions of other roles the reader may not inspect. */
  state: string | null;
  /** `application_name` as the client set it (`''` when unset). */
  applicationName: string;
  count: Count;
}

/** Who is connected to this database, and (given a {@link Database}) this client's own pool. */
export interface ConnectionStats {
  /** Client connections to the current database, this one included. */
  total: Count;
  /** The server's `max_connections` (for every database together). */
  maxConnections: number;
  byState: ConnectionGroup[];
  /** This client's pool (`database.poolStats()`); `undefined` on PGlite or when only a drizzle db was given. */
  pool: PoolStats | undefined;
}

/**
 * Connections to the current database by state and `application_name`, from `pg_stat_activity`
 * (client backends only — PGlite's single session is a `standalone backend` — other databases left out), and — when given the {@link Database} rather than a
 * bare drizzle db — the client's own pool figures beside them, read on the primary.
 *
 * @example
 * const { total, maxConnections, byState, pool } = await connectionStats(database);
 * const stuck = byState.filter((g) => g.state === 'idle in transaction');
 */
export async function connectionStats(source: AnyDb | Pick<Database<any>, 'primary' | 'poolStats'>): Promise<ConnectionStats> {
  const isDatabase = 'poolStats' in source && typeof source.poolStats === 'function';
  const db: AnyDb = isDatabase ? (source as Pick<Database<any>, 'primary'>).primary : (source as AnyDb);
  const rows = await execute(
    db,
    sql`select state, coalesce(application_name, '') as application_name, count(*) as n
        from pg_stat_activity
        where datname = current_database() and backend_type in ('client backend', 'standalone backend')
        group by state, application_name
        order by count(*) desc, state, application_name`,
  );
  const [setting] = await execute<{ max: unknown }>(db, sql`select current_setting('max_connections')::int as max`);
  const byState = rows.map((r) => ({ state: (r.state as string | null) ?? null, applicationName: String(r.application_name), count: toCount(r.n) }));
  const total = toCount(byState.reduce((sum, g) => sum + BigInt(g.count), 0n));
  return {
    total,
    maxConnections: Number(setting?.max),
    byState,
    pool: isDatabase ? (source as Pick<Database<any>, 'poolStats'>).poolStats() : undefined,
  };
}
