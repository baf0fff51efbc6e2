import { PGlite } from '@electric-sql/pglite';
import { PGLITE_PARSERS, portableDateParameters } from '@org/migrations';
import { schema as orgSchema, type OrgSchema } from '@org/schema';
import { sql, type Logger } from 'drizzle-orm';
import { withReplicas, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Sql } from 'postgres';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import { rowsOf } from '../driver/resultRows.ts';
import { createQueryLogger } from '../logging/queryLogger.ts';
import { guardedPglite } from '../transactions/guardedPglite.ts';
import { slotPoolOf } from '../transactions/pooledClient.ts';
import { checkUrl, chooseEngine } from './chooseEngine.ts';
import { postgresClient } from './postgresClient.ts';
import type { PoolStats } from '../transactions/slotPool.ts';
import { ConfigurationError } from '../errors/errors.ts';
import type { DatabaseTracer } from '../tracing/DatabaseTracer.ts';
import { followBindings } from '../binding/followBindings.ts';
import { healthReason } from './healthReason.ts';
import { lockDataDir } from './lockDataDir.ts';

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions<TSchema extends Record<string, unknown> = OrgSchema> {
  /**
   * The drizzle schema (tables and relations) the db is typed and queried with: your own, or @org's
   * (the default). `db.query`, repositories and relational reads follow it.
   */
  schema?: TSchema;
  /**
   * PostgreSQL URL: a pooled postgres.js client. Given but empty or undefined (an unset
   * `DATABASE_URL`) is a {@link ConfigurationError}, never a silent switch to an embedded database.
   * Leave the key out (or pass `pglite`) for embedded PGlite.
   */
  url?: string | undefined;
  /** Embedded PGlite, in memory or in `dataDir` (locked to this process). Cannot be combined with `url`. */
  pglite?: true | { dataDir?: string };
  /** PGlite only: a data directory to persist to; in memory when absent. Same as `pglite: { dataDir }`. */
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
  /**
   * OpenTelemetry tracer (`trace.getTracer('app')`, `@opentelemetry/api` stays optional): a client span
   * per statement (operation, parameterised SQL, statement name, primary or replica — never a bound
   * value) and an active span per transaction attempt, parent of its statements.
   */
  tracer?: DatabaseTracer;
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

/** A database client over a schema: the typed drizzle db plus the lifecycle around it. */
export interface Database<TSchema extends Record<string, unknown> = OrgSchema> {
  /** Typed drizzle db over the schema (replica-routing when replicas are configured). */
  db: PgDatabase<PgQueryResultHKT, TSchema>;
  /** Always the primary, for reads that must see the latest writes. */
  primary: PgDatabase<PgQueryResultHKT, TSchema>;
  driver: 'postgres' | 'pglite';
  /** The underlying client (postgres.js `Sql` or PGlite), for migrations and COPY. */
  client: Sql | PGlite;
  /** `select 1` round trip with latency; never throws. */
  healthCheck(): Promise<HealthStatus>;
  /** The primary's connections right now (postgres.js: size, idle, busy, held by transactions, waiting); undefined on PGlite. */
  poolStats(): PoolStats | undefined;
  /** Drains the pools (waits up to `timeoutSeconds` for running queries) or closes PGlite. */
  close(timeoutSeconds?: number): Promise<void>;
}

/** A database client over the @org schema. */
export type OrgDatabase = Database<OrgSchema>;

/** The options that configure the connection, whatever the schema. */
export type ClientOptions = Omit<CreateDatabaseOptions<Record<string, unknown>>, 'schema'>;

/**
 * Creates the database client for a drizzle schema — yours, or @org's by default: postgres.js over a
 * pool of our own when a URL is given, embedded PGlite when asked for (`pglite`, `dataDir`, or no
 * `url` key at all). A `url` key that is empty or undefined is a {@link ConfigurationError}: a missing
 * `DATABASE_URL` in production must not write into a throwaway database. For serverless handlers use
 * {@link getDatabase}, which keeps one per process.
 *
 * @example
 * const notes = pgTable('notes', { id: uuid('id').primaryKey().defaultRandom(), body: text('body').notNull() });
 * const database = createDatabase({ schema: { notes }, url: process.env.DATABASE_URL, pool: { max: 5 } });
 * const first = await database.db.query.notes.findFirst();
 * await database.close();
 */
export function createDatabase<TSchema extends Record<string, unknown>>(options: CreateDatabaseOptions<TSchema> & { schema: TSchema }): Database<TSchema>;
export function createDatabase(options?: CreateDatabaseOptions<OrgSchema>): OrgDatabase;
export function createDatabase<TSchema extends Record<string, unknown>>(options: CreateDatabaseOptions<TSchema> = {}): Database<TSchema> {
  const engine = chooseEngine(options);
  const logger = options.logger === true ? createQueryLogger() : options.logger || undefined;
  const config = { schema: (options.schema ?? orgSchema) as TSchema, ...(logger ? { logger } : {}) };
  type Db = PgDatabase<PgQueryResultHKT, TSchema>;
  if (engine.kind === 'pglite') {
    const dataDir = engine.dataDir;
    const lock = lockDataDir(dataDir); // PGlite is single-writer: a second opener loses writes
    // Parsed as postgres.js parses them (int8 as text, bytea as Buffer): the same types on both engines.
    const client = guardedPglite(new PGlite({ ...(dataDir ? { dataDir } : {}), parsers: PGLITE_PARSERS }), options.tracer);
    const db = drizzlePglite(client, config) as unknown as Db;
    return finish('pglite', client, db, db, () => client.close().finally(() => lock?.release()));
  }
  const client = postgresClient(engine.url, options, false);
  const primary = drizzlePostgres(client, config) as unknown as Db;
  portableDateParameters(client);
  const replicaClients = (options.replicas ?? []).map((url) => postgresClient(checkUrl(url, 'replicas[]'), options, true));
  const db = replicaClients.length
    ? (withReplicas(
        primary as never,
        replicaClients.map((c) => {
          const replica = drizzlePostgres(c, config);
          portableDateParameters(c);
          return replica;
        }) as never,
      ) as unknown as Db)
    : primary;
  return finish('postgres', client, db, primary, async (timeout) => {
    await Promise.all([client, ...replicaClients].map((c) => c.end({ timeout })));
  });
}

function finish<TSchema extends Record<string, unknown>>(
  driver: 'postgres' | 'pglite',
  client: Sql | PGlite,
  db: PgDatabase<PgQueryResultHKT, TSchema>,
  primary: PgDatabase<PgQueryResultHKT, TSchema>,
  close: (timeoutSeconds: number) => Promise<void>,
): Database<TSchema> {
  // Application modules import this db; a test can stand its transaction in for it (bindDatabase).
  followBindings(db);
  if (primary !== db) followBindings(primary, db);
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
    poolStats: () => slotPoolOf(client)?.stats(),
    // Closing twice (a shutdown hook and a test's afterAll) waits for the same close, never throws.
    close: (timeoutSeconds = 5) => (closing ??= close(timeoutSeconds)),
  };
}
