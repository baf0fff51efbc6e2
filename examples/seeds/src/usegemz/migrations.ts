// Guide section "Migration Management": `npm run db:migrate` applies the pending migrations.
import { migrate, migrationStatus, orgMigrationsFolder, type MigrateResult, type MigrationClient, type MigrationStatus } from '@org/migrations';

/**
 * `npm run db:migrate` on @org: @org's migrations (the team's 0000–0011 are replaced by @org's, see
 * the adoption notes) applied with a lock, a journal and checksums. The CLI form is
 * `org-migrate up --dir node_modules/@org/migrations/migrations`.
 *
 * @example
 * await migrateDatabase(database.client);
 */
export function migrateDatabase(client: MigrationClient): Promise<MigrateResult> {
  return migrate(client, { folder: orgMigrationsFolder() });
}

/**
 * Which migrations are applied or pending, read-only (`org-migrate status`).
 *
 * @example
 * const { upToDate, counts } = await migrationsStatus(database.client);
 */
export function migrationsStatus(client: MigrationClient): Promise<MigrationStatus> {
  return migrationStatus(client, { folder: orgMigrationsFolder() });
}
