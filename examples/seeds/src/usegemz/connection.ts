// Guide sections "Connection Setup", "Connection Pool Settings" and "Connection Monitoring".
import { getDatabase, type OrgDatabase, type PoolStats } from '@org/queries';

/**
 * Global Connection Pooling: one pool per serverless instance, re-used across invocations. The guide
 * kept `postgres(...)` and `drizzle(...)` on `global.__queryClient` / `global.__db` by hand;
 * getDatabase keeps one client per process and options on globalThis itself, with the @org schema and
 * its relations (the guide's `scrapingJobsRelations` / `scrapingResultsRelations` are in it).
 *
 * @example
 * const { db } = getDb(process.env.DATABASE_URL);
 */
export function getDb(connectionString: string | undefined): OrgDatabase {
  // guide: postgres(connectionString, { idle_timeout: 30, max_lifetime: 60 * 60 }) → the same in @org's names
  return getDatabase({ url: connectionString, pool: { idleTimeoutSeconds: 30, maxLifetimeSeconds: 60 * 60 } });
}

/**
 * Production Configuration. The guide's object literal names `idle_timeout` twice (30, then 20), which
 * TypeScript refuses (TS1117) and JavaScript resolves to the last one, 20: that is the value kept.
 *
 * @example
 * const database = productionDatabase(process.env.DATABASE_URL);
 */
export function productionDatabase(connectionString: string | undefined): OrgDatabase {
  return getDatabase({
    url: connectionString,
    pool: {
      maxLifetimeSeconds: 60 * 60, // Close connections after 1 hour
      max: 10, // Maximum connections in pool
      idleTimeoutSeconds: 20, // Idle timeout in seconds
      connectTimeoutSeconds: 60, // Connection timeout
    },
  });
}

/**
 * Connection Pool Status. The guide read `queryClient.options.max` and `queryClient.idle`; postgres.js
 * 3 has no `idle` property (it logs `undefined`). @org's pool reports itself: `poolStats()`
 * (`undefined` on embedded PGlite, which has no pool).
 *
 * @example
 * const stats = connectionPoolStatus(database);
 * console.log('Active connections:', stats?.busy, 'Idle connections:', stats?.idle);
 */
export function connectionPoolStatus(database: Pick<OrgDatabase, 'poolStats'>): PoolStats | undefined {
  return database.poolStats();
}
