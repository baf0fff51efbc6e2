import type { PGliteInterface } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { MigrationClient, MigrationConnection } from './MigrationConnection.ts';
import { pgliteConnection } from './pgliteConnection.ts';
import { postgresJsConnection } from './postgresJsConnection.ts';

/**
 * Opens a session on whichever client it is given. A drizzle db is unwrapped to its driver client
 * (`$client`), so apps can pass the db they already have.
 */
export async function openMigrationConnection(client: MigrationClient): Promise<MigrationConnection> {
  const driver = ('$client' in client ? (client as { $client: object }).$client : client) as object;
  if (typeof driver === 'function' && 'reserve' in driver && 'unsafe' in driver) {
    return postgresJsConnection(driver as Sql);
  }
  if ('exec' in driver && 'query' in driver && 'waitReady' in driver) {
    return pgliteConnection(driver as PGliteInterface);
  }
  throw new TypeError('@org/migrations: expected a postgres.js client, a PGlite instance, or a drizzle db over one');
}
