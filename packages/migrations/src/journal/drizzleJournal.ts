import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { qualified, type JournalTable } from './JournalTable.ts';

/** drizzle-orm's own journal: `drizzle.__drizzle_migrations` unless configured otherwise. */
export const DRIZZLE_JOURNAL: JournalTable = { schema: 'drizzle', name: '__drizzle_migrations' };

/** A file drizzle-orm's journal holds an entry for, with the hash drizzle stored when it ran it. */
export interface DrizzleApplied {
  file: MigrationFile;
  /** sha256 of the text drizzle ran: the file's own checksum, unless the file was edited since. */
  checksum: string;
}

/**
 * The files drizzle-orm's migrator really applied to this database: one per row of its journal,
 * matched by the stored sha256 or, for a file edited since, by the stored `created_at` (drizzle writes
 * the file's `meta/_journal.json` timestamp there). drizzle itself treats every file older than its
 * newest row as applied, and so skips a file merged later with an older timestamp for good
 * (drizzle-orm #5316); such a file has no row, so it stays pending here instead of being adopted.
 */
export async function filesAppliedByDrizzle(
  conn: MigrationConnection,
  files: readonly MigrationFile[],
  table: JournalTable = DRIZZLE_JOURNAL,
): Promise<DrizzleApplied[]> {
  const [exists] = await conn.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [qualified(table)]);
  if (!exists?.exists) return [];
  const rows = await conn.query<{ hash: string; created_at: string | number | null }>(`select hash, created_at from ${qualified(table)}`);
  // Each row stands for one run file; two identical files (e.g. empty ones) must not share a row.
  const unused = new Set(rows);
  const take = (match: (r: (typeof rows)[number]) => boolean) => {
    const row = [...unused].find(match);
    if (row) unused.delete(row);
    return row;
  };
  const applied: DrizzleApplied[] = [];
  for (const file of files) {
    const sameTime = (r: (typeof rows)[number]) => file.drizzleWhen !== undefined && Number(r.created_at) === file.drizzleWhen;
    const row = take((r) => r.hash === file.checksum && sameTime(r)) ?? take((r) => r.hash === file.checksum) ?? take(sameTime);
    if (row) applied.push({ file, checksum: row.hash });
  }
  return applied;
}
