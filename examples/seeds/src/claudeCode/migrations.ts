// Guide section "Migration Procedures → Run Migrations" (scripts/migrate.ts).
import { migrate, orgMigrationsFolder, type MigrateResult, type MigrationClient } from '@org/migrations';

/**
 * `bun migrate`. The guide ran drizzle's migrator, `migrate(db, { migrationsFolder: './drizzle' })`;
 * on @org, @org/migrations' runner takes the driver client and @org's folder (a database migrated by
 * drizzle's migrator is adopted: its journal rows count as applied).
 *
 * @example
 * await runMigrations(database.client);
 */
export function runMigrations(client: MigrationClient): Promise<MigrateResult> {
  return migrate(client, { folder: orgMigrationsFolder() });
}
