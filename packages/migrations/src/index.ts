// @org/migrations public entry point.
export { migrate } from './run/migrate.ts';
export type { MigrateResult } from './run/migrate.ts';
export { migrationStatus } from './run/migrationStatus.ts';
export { ensureMigrations } from './run/ensureMigrations.ts';
export { adoptDatabase } from './adopt/adoptDatabase.ts';
export type { AdoptOptions, AdoptResult } from './adopt/AdoptOptions.ts';
export { BRIDGE_MARKER } from './adopt/bridgeSql.ts';
export { KEEP_MARKER } from './adopt/keepMarkers.ts';
export { checkDrift } from './drift/checkDrift.ts';
export type { DriftOptions, DriftReport } from './drift/checkDrift.ts';
export { checkSchemaDrift } from './drift/schemaDrift.ts';
export type { SchemaDriftOptions, SchemaDriftReport } from './drift/schemaDrift.ts';
export { introspectDatabase } from './introspect/introspectSchema.ts';
export type { IntrospectOptions } from './introspect/introspectSchema.ts';
export { compareSchemas } from './introspect/compareSchemas.ts';
export { formatSchemaDiff } from './introspect/formatSchemaDiff.ts';
export type { SchemaDifference, SchemaObjectKind } from './introspect/SchemaDifference.ts';
export type {
  SchemaModel,
  TableModel,
  ColumnModel,
  ConstraintModel,
  IndexModel,
  PolicyModel,
  FunctionModel,
  EnumModel,
} from './introspect/SchemaModel.ts';
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
  MigrationAdoptError,
} from './errors.ts';
export type { MigrationErrorCode } from './errors.ts';
// Engine parity: the settings that make PGlite and postgres.js read and bind values alike, shared by
// @org/queries' createDatabase and @org/testing's fixtures (which cannot import @org/queries).
export { PGLITE_PARSERS } from './engineParity/pgliteParsers.ts';
export { nullSafeArrayParsers } from './engineParity/nullSafeArrayParsers.ts';
export { parsePgArray } from './engineParity/parsePgArray.ts';
export { portableDateParameters } from './engineParity/portableDateParameters.ts';
export { PARITY_SESSION_PARAMETERS } from './engineParity/sessionParameters.ts';
export { lockPgliteDataDir } from './pglite/lockPgliteDataDir.ts';
export type { PgliteDataDirLock } from './pglite/lockPgliteDataDir.ts';
export { PgliteDataDirLockedError } from './pglite/PgliteDataDirLockedError.ts';
export type { PgliteDataDirHolder } from './pglite/PgliteDataDirLockedError.ts';
export { SQL_STATE_CLASSES, SQL_STATE_NAMES, sqlStateName } from './sqlStateNames.ts';
