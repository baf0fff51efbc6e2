import type { Sql } from 'postgres';
import { pooledClient } from '../transactions/pooledClient.ts';
import { DEFAULT_ACQUIRE_TIMEOUT_MS } from '../transactions/transactionContext.ts';
import type { ClientOptions } from './createDatabase.ts';

/**
 * The postgres.js client of {@link createDatabase} for one server (the primary or a replica): the
 * pool options translated to postgres.js settings, over a pool of our own.
 *
 * @example
 * const sql = postgresClient(process.env.DATABASE_URL!, { pool: { max: 5 } }, false);
 */
export function postgresClient(url: string, options: ClientOptions, replica: boolean): Sql {
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
  return pooledClient(url, settings, options.pool?.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS, { tracer: options.tracer, replica });
}
