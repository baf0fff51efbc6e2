import { PARITY_SESSION_PARAMETERS } from '@org/migrations';
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
      // TimeZone UTC, as PGlite's sessions and @org/testing's fixtures run (see PARITY_SESSION_PARAMETERS).
      ...PARITY_SESSION_PARAMETERS,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  };
  return pooledClient(url, settings, options.pool?.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS, { tracer: options.tracer, replica });
}
