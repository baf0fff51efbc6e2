import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { appliedRows } from '../journal/appliedRows.ts';
import type { MigrationSourceOptions } from './MigrateOptions.ts';
import { planMigrations, type MigrationStatusEntry } from './planMigrations.ts';
import { resolveSource } from './resolveSource.ts';
import { singleFlight } from './singleFlight.ts';

/** What {@link migrationStatus} found. */
export interface MigrationStatus {
  /** The set the folder's migrations are journaled under. */
  set: string;
  migrations: MigrationStatusEntry[];
  /** True when nothing is pending, changed, out of order, missing or interrupted. */
  upToDate: boolean;
  counts: Record<MigrationStatusEntry['state'], number>;
  /** Other sets journaled in the same table, with their row counts. */
  otherSets: Record<string, number>;
}

/**
 * Reads where every migration of a folder stands, writing nothing and taking no lock. A database
 * migrated by drizzle-orm's migrator shows the files its journal holds as applied (adopted), as the
 * next `migrate` would record them.
 *
 * @example
 * const { upToDate, counts } = await migrationStatus(client, { folder: './drizzle' });
 * if (!upToDate) console.warn(`${counts.pending} pending`);
 */
export async function migrationStatus(client: MigrationClient, options: MigrationSourceOptions): Promise<MigrationStatus> {
  const { files, journal, set } = resolveSource(options);
  return singleFlight(client, async () => {
    const conn = await openMigrationConnection(client);
    try {
      const { rows, otherSets } = await appliedRows(conn, journal, set, files, options.drizzleJournal);
      const migrations = planMigrations(files, rows);
      const counts = { applied: 0, pending: 0, changed: 0, 'out-of-order': 0, missing: 0, interrupted: 0 };
      for (const m of migrations) counts[m.state]++;
      return { set, migrations, counts, upToDate: counts.applied === migrations.length, otherSets };
    } finally {
      await conn.release();
    }
  });
}
