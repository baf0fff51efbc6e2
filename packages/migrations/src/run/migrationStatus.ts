import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { orgMigrationsFolder } from '../files/orgMigrationsFolder.ts';
import { readMigrationFolder } from '../files/readMigrationFolder.ts';
import { DRIZZLE_JOURNAL, filesAppliedByDrizzle } from '../journal/drizzleJournal.ts';
import { readJournal } from '../journal/journalStore.ts';
import { DEFAULT_JOURNAL, type JournalRow } from '../journal/JournalTable.ts';
import type { MigrationSourceOptions } from './MigrateOptions.ts';
import { planMigrations, type MigrationStatusEntry } from './planMigrations.ts';

/** What {@link migrationStatus} found. */
export interface MigrationStatus {
  migrations: MigrationStatusEntry[];
  /** True when nothing is pending, changed, out of order, missing or interrupted. */
  upToDate: boolean;
  counts: Record<MigrationStatusEntry['state'], number>;
}

/**
 * Reads where every migration stands, writing nothing and taking no lock. A database migrated by
 * drizzle-orm's migrator shows its files as applied (adopted), as the next `migrate` would record them.
 *
 * @example
 * const { upToDate, counts } = await migrationStatus(client);
 * if (!upToDate) console.warn(`${counts.pending} pending`);
 */
export async function migrationStatus(
  client: MigrationClient,
  options: MigrationSourceOptions = {},
): Promise<MigrationStatus> {
  const files = readMigrationFolder(options.folder ?? orgMigrationsFolder());
  const conn = await openMigrationConnection(client);
  try {
    let rows: JournalRow[] = await readJournal(conn, { ...DEFAULT_JOURNAL, ...options.journal });
    if (rows.length === 0 && options.drizzleJournal !== false) {
      const drizzleTable = { ...DRIZZLE_JOURNAL, ...(options.drizzleJournal || {}) };
      rows = (await filesAppliedByDrizzle(conn, files, drizzleTable)).map(({ file, checksum }) => ({
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
    return { migrations, counts, upToDate: counts.applied === migrations.length };
  } finally {
    await conn.release();
  }
}
