import type { MigrationFile } from '../files/MigrationFile.ts';
import type { JournalRow } from '../journal/JournalTable.ts';

/** Where a migration stands against a database. */
export type MigrationState = 'applied' | 'pending' | 'changed' | 'out-of-order' | 'missing' | 'interrupted';

/** One line of a status. */
export interface MigrationStatusEntry {
  name: string;
  state: MigrationState;
  /** When it was applied (for applied, changed and missing). */
  appliedAt?: Date;
  durationMs?: number;
  /** Recorded by adopting drizzle-orm's journal rather than by running it. */
  adopted?: boolean;
  transactional?: boolean;
}

/**
 * Compares the folder with the journal by name: applied (same checksum), changed (edited after it ran),
 * pending, out-of-order (unapplied but older than the newest applied one), missing (applied, file gone)
 * and interrupted (a no-transaction file whose run was killed mid-statement; the next run resumes it).
 */
export function planMigrations(files: readonly MigrationFile[], journal: readonly JournalRow[]): MigrationStatusEntry[] {
  const applied = new Map(journal.map((row) => [row.name, row]));
  // biome-ignore lint/complexity/useMathMinMax: names are strings, compared in sort order; Math.max would make them NaN
  const newestApplied = journal.reduce((max, row) => (row.name > max ? row.name : max), '');
  const entries: MigrationStatusEntry[] = files.map((file) => {
    const row = applied.get(file.name);
    if (!row) {
      return {
        name: file.name,
        state: file.name < newestApplied ? 'out-of-order' : 'pending',
        transactional: file.transactional,
      };
    }
    return {
      name: file.name,
      state: !row.completed ? 'interrupted' : row.checksum === file.checksum ? 'applied' : 'changed',
      appliedAt: row.appliedAt,
      durationMs: row.durationMs,
      adopted: row.adopted,
      transactional: row.transactional,
    };
  });
  const names = new Set(files.map((f) => f.name));
  for (const row of journal) {
    if (!names.has(row.name)) {
      entries.push({ name: row.name, state: 'missing', appliedAt: row.appliedAt, durationMs: row.durationMs });
    }
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}
