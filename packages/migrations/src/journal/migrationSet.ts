import { basename, resolve } from 'node:path';
import { orgMigrationsFolder } from '../files/orgMigrationsFolder.ts';

/**
 * The set name of @org/schema's own migrations in a journal.
 *
 * @example
 * await sql`select name from org_migrations where migration_set = ${ORG_MIGRATION_SET}`;
 */
export const ORG_MIGRATION_SET = '@org/migrations';

/**
 * The name a folder's migrations are journaled under unless one is configured: `@org/migrations` for
 * the folder this package ships, otherwise the folder's own name (`./drizzle` → `drizzle`). Sets keep
 * two folders sharing one journal apart: each sees only its own rows.
 *
 * @example
 * defaultMigrationSet('./drizzle'); // 'drizzle'
 */
export function defaultMigrationSet(folder: string): string {
  const path = resolve(folder);
  return path === resolve(orgMigrationsFolder()) ? ORG_MIGRATION_SET : basename(path);
}
