// @org/migrations public entry point.
export { migrate } from './run/migrate.ts';
export type { MigrateResult } from './run/migrate.ts';
export { migrationStatus } from './run/migrationStatus.ts';
export type { MigrationStatus } from './run/migrationStatus.ts';
export type { MigrateOptions, MigrationSourceOptions, MigrationProgressEvent } from './run/MigrateOptions.ts';
export type { MigrationState, MigrationStatusEntry } from './run/planMigrations.ts';
export { orgMigrationsFolder } from './files/orgMigrationsFolder.ts';
export { defaultMigrationSet, ORG_MIGRATION_SET } from './journal/migrationSet.ts';
export { readMigrationFolder } from './files/readMigrationFolder.ts';
export { NO_TRANSACTION_MARKER } from './files/MigrationFile.ts';
export { validateMigrationFile } from './files/validateMigrationFile.ts';
export { lintMigrations } from './lint/lintMigrations.ts';
export type { LintFinding } from './lint/lintMigrations.ts';
export { LINT_RULES } from './lint/lintRules.ts';
export type { LintRule } from './lint/lintRules.ts';
export type { MigrationFileProblem } from './files/validateMigrationFile.ts';
export type { MigrationFile } from './files/MigrationFile.ts';
export type { MigrationClient } from './connection/MigrationConnection.ts';
export type { JournalTable } from './journal/JournalTable.ts';
export { describeLockHolder } from './journal/lockHolder.ts';
export type { LockHolder } from './journal/lockHolder.ts';
export {
  MigrationError,
  MigrationFolderError,
  MigrationLockTimeoutError,
  MigrationChecksumMismatchError,
  MigrationOutOfOrderError,
  MigrationFailedError,
  MigrationFileError,
  MigrationMissingError,
  MigrationSetError,
} from './errors.ts';
export type { MigrationErrorCode } from './errors.ts';
export { lockPgliteDataDir } from './pglite/lockPgliteDataDir.ts';
export type { PgliteDataDirLock } from './pglite/lockPgliteDataDir.ts';
export { PgliteDataDirLockedError } from './pglite/PgliteDataDirLockedError.ts';
export type { PgliteDataDirHolder } from './pglite/PgliteDataDirLockedError.ts';
