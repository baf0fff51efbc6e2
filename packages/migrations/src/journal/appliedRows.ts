import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { DRIZZLE_JOURNAL, filesAppliedByDrizzle } from './drizzleJournal.ts';
import { readJournal } from './journalStore.ts';
import { qualified, type JournalRow, type JournalTable } from './JournalTable.ts';
import { rowsOfSet } from './rowsOfSet.ts';

/**
 * The set's applied rows as read-only commands see them (status, drift): our journal's, or — while it
 * holds none — what drizzle-orm's journal says was applied, as rows that would be adopted.
 *
 * @example
 * const { rows } = await appliedRows(conn, journal, set, files, options.drizzleJournal);
 */
export async function appliedRows(
  conn: MigrationConnection,
  journal: JournalTable,
  set: string,
  files: readonly MigrationFile[],
  drizzleJournal: Partial<JournalTable> | false | undefined,
): Promise<{ rows: JournalRow[]; otherSets: Record<string, number> }> {
  const view = rowsOfSet(await readJournal(conn, journal), set, files, qualified(journal));
  if (view.rows.length > 0 || drizzleJournal === false) return { rows: view.rows, otherSets: view.otherSets };
  const applied = await filesAppliedByDrizzle(conn, files, { ...DRIZZLE_JOURNAL, ...(drizzleJournal || {}) });
  const rows = applied.map(({ file, checksum }) => ({
    set,
    name: file.name,
    checksum,
    appliedAt: new Date(file.drizzleWhen ?? 0),
    durationMs: 0,
    transactional: file.transactional,
    adopted: true,
    completed: true,
  }));
  return { rows, otherSets: view.otherSets };
}
