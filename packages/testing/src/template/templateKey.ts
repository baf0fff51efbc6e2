import { createHash } from 'node:crypto';
import { readMigrationFolder } from '@org/migrations';

/**
 * Identifies a migrated template: the checksums of every migration file. Unchanged migrations reuse
 * the cached template across runs; any edit or new file builds a new one.
 */
export function templateKey(migrationsFolder: string): string {
  const hash = createHash('sha256');
  for (const file of readMigrationFolder(migrationsFolder)) hash.update(`${file.name}:${file.checksum}\n`);
  return hash.digest('hex').slice(0, 20);
}
