import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationFolderError } from '../errors.ts';
import { NO_TRANSACTION_MARKER, type MigrationFile } from './MigrationFile.ts';

/**
 * Reads every `*.sql` file at the top of a migrations folder, ordered by name. drizzle-kit's
 * `meta/_journal.json`, when present, only contributes timestamps (for adopting a database migrated by
 * drizzle-orm); the folder itself is the source of truth, so a file merged from another branch is seen
 * even if the journal does not list it.
 *
 * @example
 * const files = readMigrationFolder('./drizzle');
 * console.log(files.map((f) => `${f.name} ${f.checksum.slice(0, 8)}`));
 */
export function readMigrationFolder(folder: string): MigrationFile[] {
  if (!existsSync(folder)) {
    throw new MigrationFolderError(`migrations folder not found: ${folder}. Pass --dir or the folder option.`);
  }
  const when = readDrizzleJournal(folder);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(folder, file), 'utf8');
      const name = file.slice(0, -'.sql'.length);
      return {
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
        transactional: !sql.split('\n').some((line) => line.trim() === NO_TRANSACTION_MARKER),
        ...(when.has(name) ? { drizzleWhen: when.get(name) } : {}),
      };
    });
}

function readDrizzleJournal(folder: string): Map<string, number> {
  const path = join(folder, 'meta', '_journal.json');
  if (!existsSync(path)) return new Map();
  const journal = JSON.parse(readFileSync(path, 'utf8')) as { entries?: { tag: string; when: number }[] };
  return new Map((journal.entries ?? []).map((e) => [e.tag, e.when]));
}
