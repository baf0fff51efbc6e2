import { migrationStatus, orgMigrationsFolder, type MigrationStatus } from '@org/migrations';
import type { OrgDatabase } from '../client/createDatabase.ts';

/**
 * Where the @org migrations stand on this database (read-only).
 *
 * @example
 * const { upToDate, counts } = await getMigrationStatus(database);
 */
export function getMigrationStatus(database: Pick<OrgDatabase, 'client'>, options: { folder?: string } = {}): Promise<MigrationStatus> {
  return migrationStatus(database.client, { ...options, folder: options.folder ?? orgMigrationsFolder() });
}
