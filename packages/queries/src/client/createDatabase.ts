import { PGlite } from '@electric-sql/pglite';
import { schema } from '@org/schema';
import { sql, type Logger } from 'drizzle-orm';
import { withReplicas } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Sql } from 'postgres';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { PGLITE_PARSERS } from '../internal/pgliteParsers.ts';
import { rowsOf } from '../internal/rows.ts';
import { createQueryLogger } from '../logging/queryLogger.ts';
import { guardedPglite } from '../transactions/guardedPglite.ts';
import { pooledClient } from '../transactions/pooledClient.ts';
import { healthReason } from './healthReason.ts';
import { lockDataDir } from './lockDataDir.ts';
import { portableDateParameters } from './portableDateParameters.ts';
import { DEFAULT_ACQUIRE_TIMEOUT_MS } from '../transactions/transactionContext.ts';

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** PostgreSQL URL. Without one, an embedded PGlite database is used. */
  url?: string;
  /** PGlite only: a data directory to persist to; in memory when absent. */
  dataDir?: string;
  /** postgres.js pool settings (seconds, as postgres.js takes them). */
  pool?: {
    max?: number;
    idleTimeoutSeconds?: number;
    connectTimeoutSeconds?: number;
    maxLifetimeSeconds?: number;
    /** How long a transaction waits for a free connection before a TimeoutError. Default 10 000 ms. */
    acquireTimeoutMs?: number;
  };
  /** TLS for the server connection, as postgres.js takes it (`'require'`, `true`, tls options). */
  ssl?: postgres.Options<{}>['ssl'];
  /** Shown in `pg_stat_activity`. */
  applicationName?: string;
  /**
   * Named prepared statements (postgres.js `prepare`). Turn off behind PgBouncer in transaction mode,
   * which cannot keep them across server connections.
   */
  prepare?: boolean;
  /** Read-replica URLs: reads go to a replica, writes and transactions to the primary. */
  replicas?: string[];
  /** `true` logs queries with redacted parameters to the console; or pass a drizzle logger. */
  logger?: boolean | Logger;
  /** `statement_timeout` for every connection, in ms. */
  statementTimeoutMs?: number;
}

/** What a health check reports. */
export interface HealthStatus {
  ok: boolean;
  latencyMs: number;
  /** `server_version` when reachable. */
  serverVersion?: string;
  /** The typed error's code when not reachable. */
  error?: string;
  /** Why not, in words an operator can act on (refused, authentication failed, no such database, …); never a secret. */
  reason?: string;
}

/** A database client: the typed drizzle db plus the lifecycle around it. */
export interface OrgDatabase {
  /** Typed drizzle db over the @org schema (replica-routing when replicas are configured). */
  db: OrgDb;
  /** Always the primary, for reads that must see the latest writes. */
  primary: OrgDb;
  driver: 'postgres' | 'pglite';
  /** The underlying client (postgres.js `Sql` or PGlite), for migrations and COPY. */
  client: Sql | PGlite;
  /** `select 1` round trip with latency; never throws. */
  healthCheck(): Promise<HealthStatus>;
  /** Drains the pools (waits up to `timeoutSeconds` for running queries) or closes PGlite. */
  close(timeoutSeconds?: number): Promise<void>;
}

function postgresClient(url: string, options: CreateDatabaseOptions): Sql {
  const settings = {
    max: options.pool?.max ?? 10,
    idle_timeout: options.pool?.idleTimeoutSeconds ?? 20,
    connect_timeout: options.pool?.connectTimeoutSeconds ?? 10,
    max_lifetime: options.pool?.maxLifetimeSeconds ?? 60 * 30,
    prepare: options.prepare ?? true,
    ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? '@org/queries',
      // PGlite's sessions run in UTC; pinned here too, timestamps print (`::text`, string-mode columns)
      // and truncate (`date_trunc`, `::date`) alike whatever the server's or role's TimeZone setting.
      TimeZone: 'UTC',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  };
  return pooledClient(url, settings, options.pool?.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS);
}

/**
 * Creates the database client: postgres.js with a pool when a URL is given, embedded PGlite when
 * none is. For serverless handlers use {@link getDatabase}, which keeps one per process.
 *
 * @example
 * const database = createDatabase({ url: process.env.DATABASE_URL, pool: { max: 5 } });
 * const user = await database.db.query.users.findFirst();
 * await database.close();
 */
export function createDatabase(options: CreateDatabaseOptions = {}): OrgDatabase {
  const logger = options.logger === true ? createQueryLogger() : options.logger || undefined;
  const config = { schema, ...(logger ? { logger } : {}) };
  if (!options.url) {
    const lock = lockDataDir(options.dataDir); // PGlite is single-writer: a second opener loses writes
    // Parsed as postgres.js parses them (int8 as text, bytea as Buffer): the same types on both engines.
    const client = guardedPglite(new PGlite({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), parsers: PGLITE_PARSERS }));
    const db = drizzlePglite(client, config) as unknown as OrgDb;
    return finish('pglite', client, db, db, () => client.close().finally(() => lock?.release()));
  }
  const client = postgresClient(options.url, options);
  const primary = drizzlePostgres(client, config) as unknown as OrgDb;
  portableDateParameters(client);
  const replicaClients = (options.replicas ?? []).map((url) => postgresClient(url, options));
  const db = replicaClients.length
    ? (withReplicas(
        primary as never,
        replicaClients.map((c) => {
          const replica = drizzlePostgres(c, config);
          portableDateParameters(c);
          return replica;
        }) as never,
      ) as unknown as OrgDb)
    : primary;
  return finish('postgres', client, db, primary, async (timeout) => {
    await Promise.all([client, ...replicaClients].map((c) => c.end({ timeout })));
  });
}

function finish(
  driver: 'postgres' | 'pglite',
  client: Sql | PGlite,
  db: OrgDb,
  primary: OrgDb,
  close: (timeoutSeconds: number) => Promise<void>,
): OrgDatabase {
  let closing: Promise<void> | undefined;
  return {
    db,
    primary,
    driver,
    client,
    async healthCheck() {
      const started = performance.now();
      try {
        const rows = rowsOf<{ server_version: string }>(await primary.execute(sql`show server_version`));
        return { ok: true, latencyMs: performance.now() - started, serverVersion: rows[0]?.server_version ?? '' };
      } catch (error) {
        const mapped = mapDatabaseError(error) as { code?: string };
        return { ok: false, latencyMs: performance.now() - started, error: mapped.code ?? 'UNKNOWN', reason: healthReason(error) };
      }
    },
    // Closing twice (a shutdown hook and a test's afterAll) waits for the same close, never throws.
    close: (timeoutSeconds = 5) => (closing ??= close(timeoutSeconds)),
  };
}
