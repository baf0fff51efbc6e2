// Guide section "Drizzle Client Setup" (lib/db/drizzle.ts): the team's module-level client, which
// every query module imports. In tests, `useTestDatabase(test, db)` from @org/testing puts each test's
// rolled-back transaction behind this same `db`, so the functions below are tested unchanged.
import { createDatabase } from '@org/queries';
import { schema } from '@org/schema';

/**
 * The product-helper client.
 * guide: `drizzle(new Pool({ connectionString: process.env.DATABASE_URL, max: 20, idleTimeoutMillis:
 * 30000, connectionTimeoutMillis: 2000, ...ssl }), { schema })` (node-postgres) → ours: createDatabase
 * over postgres.js with the same settings in its names (seconds; `connectTimeoutSeconds: 2`); an unset
 * DATABASE_URL is a ConfigurationError instead of a pool that connects to localhost.
 *
 * @example
 * import { database } from './db.ts';
 * const status = await database.healthCheck();
 */
export const database = createDatabase({
  schema, // guide: `import * as schema from './schema'` → the @org schema (tables and relations)
  url: process.env.DATABASE_URL,
  pool: { max: 20, idleTimeoutSeconds: 30, connectTimeoutSeconds: 2 },
  // guide: ssl only in production, `{ rejectUnauthorized: false }` → the same object, postgres.js takes it.
  ...(process.env.NODE_ENV === 'production' ? { ssl: { rejectUnauthorized: false } } : {}),
});

/** The drizzle db the query modules import (guide: `export const db = drizzle(pool, { schema })`). */
export const db = database.db;
