import { randomBytes } from 'node:crypto';
import { migrate, orgMigrationsFolder } from '@org/migrations';
import postgres from 'postgres';
import { createDatabase, type OrgDatabase } from '../../../src/index.ts';

/** Both engines, opened through the public `createDatabase`, each on a freshly migrated database. */
export interface EnginePair {
  pglite: OrgDatabase;
  postgres: OrgDatabase;
  /** Both, PGlite first: results are compared in this order. */
  both: readonly [OrgDatabase, OrgDatabase];
  close(): Promise<void>;
}

/**
 * Opens an embedded PGlite database and a new database with a unique name on the PostgreSQL server
 * of `serverUrl`, migrates both with @org/migrations, and on close drops the PostgreSQL one.
 */
export async function openEnginePair(serverUrl: string): Promise<EnginePair> {
  const name = `org_parity_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  // A server whose TimeZone is not PGlite's UTC, as production servers often are: results must not change.
  await admin.unsafe(`alter database "${name}" set timezone to 'America/New_York'`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pglite = createDatabase();
  const server = createDatabase({ url: url.toString(), pool: { max: 4 } });
  try {
    await migrate(pglite.client, { folder: orgMigrationsFolder() });
    await migrate(server.client, { folder: orgMigrationsFolder() });
  } catch (error) {
    await Promise.allSettled([pglite.close(), server.close()]);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    throw error;
  }
  return {
    pglite,
    postgres: server,
    both: [pglite, server],
    async close() {
      await Promise.allSettled([pglite.close(), server.close()]);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
