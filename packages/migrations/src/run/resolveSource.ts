import { MigrationFolderError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { readMigrationFolder } from '../files/readMigrationFolder.ts';
import { DEFAULT_JOURNAL, type JournalTable } from '../journal/JournalTable.ts';
import { defaultMigrationSet } from '../journal/migrationSet.ts';
import type { MigrationSourceOptions } from './MigrateOptions.ts';

/** The files, journal table and set name a run works on. */
export interface MigrationSource {
  files: MigrationFile[];
  journal: JournalTable;
  set: string;
}

/**
 * Resolves the options into what to run. There is no default folder: a consumer who forgot to name
 * theirs must not get @org's migrations applied to their database.
 */
export function resolveSource(options: MigrationSourceOptions | undefined): MigrationSource {
  const folder = options?.folder;
  if (typeof folder !== 'string' || folder.length === 0) {
    throw new MigrationFolderError("no migrations folder given: pass the folder option (for @org/schema's own migrations: orgMigrationsFolder()).");
  }
  const set = options?.set ?? defaultMigrationSet(folder);
  if (set.length === 0) throw new MigrationFolderError('the migrations set name is empty: pass a non-empty set option.');
  return { files: readMigrationFolder(folder), journal: { ...DEFAULT_JOURNAL, ...options?.journal }, set };
}
