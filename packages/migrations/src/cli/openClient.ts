import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { lockPgliteDataDir } from '../pglite/lockPgliteDataDir.ts';

/** A client the CLI opened, with how to close it. */
export interface CliClient {
  client: MigrationClient;
  close(): Promise<void>;
}

/** A postgres.js client for a URL, or PGlite for a data directory (`--pglite DIR`). */
export async function openClient(target: { url?: string; pglite?: string }): Promise<CliClient> {
  if (target.pglite) {
    // A running app may have this directory open: a second PGlite on it would lose committed writes.
    const lock = lockPgliteDataDir(target.pglite);
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = new PGlite(target.pglite);
      await db.waitReady;
      return { client: db, close: () => db.close().finally(() => lock?.release()) };
    } catch (error) {
      lock?.release();
      throw error;
    }
  }
  const { default: postgres } = await import('postgres');
  const sql = postgres(target.url!, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'org-migrate' },
  });
  return { client: sql, close: () => sql.end({ timeout: 5 }) };
}
