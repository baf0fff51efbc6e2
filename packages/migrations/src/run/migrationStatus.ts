import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { DRIZZLE_JOURNAL, filesAppliedByDrizzle } from '../journal/drizzleJournal.ts';
import { readJournal } from '../journal/journalStore.ts';
import { qualified, type JournalRow } from '../journal/JournalTable.ts';
import { rowsOfSet } from '../journal/rowsOfSet.ts';
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
      const view = rowsOfSet(await readJournal(conn, journal), set, files, qualified(journal));
      let rows: JournalRow[] = view.rows;
      if (rows.length === 0 && options.drizzleJournal !== false) {
        const drizzleTable = { ...DRIZZLE_JOURNAL, ...(options.drizzleJournal || {}) };
        rows = (await filesAppliedByDrizzle(conn, files, drizzleTable)).map(({ file, checksum }) => ({
          set,
          name: file.name,
          checksum,
          appliedAt: new Date(file.drizzleWhen ?? 0),
          durationMs: 0,
          transactional: file.transactional,
          adopted: true,
          completed: true,
        }));
      }
      const migrations = planMigrations(files, rows);
      const counts = { applied: 0, pending: 0, changed: 0, 'out-of-order': 0, missing: 0, interrupted: 0 };
      for (const m of migrations) counts[m.state]++;
      return { set, migrations, counts, upToDate: counts.applied === migrations.length, otherSets: view.otherSets };
    } finally {
      await conn.release();
    }
  });
}
