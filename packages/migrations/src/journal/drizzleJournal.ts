import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { qualified, type JournalTable } from './JournalTable.ts';

/** drizzle-orm's own journal: `drizzle.__drizzle_migrations` unless configured otherwise. */
export const DRIZZLE_JOURNAL: JournalTable = { schema: 'drizzle', name: '__drizzle_migrations' };

/**
 * The files drizzle-orm's migrator already applied to this database. drizzle stores each file's
 * sha256 (the same hash as ours) and its journal timestamp, and treats every file up to the newest
 * timestamp as applied; a file counts as applied here by either rule, exactly as drizzle saw it.
 */
export async function filesAppliedByDrizzle(
  conn: MigrationConnection,
  files: readonly MigrationFile[],
  table: JournalTable = DRIZZLE_JOURNAL,
): Promise<MigrationFile[]> {
  const [exists] = await conn.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [
    qualified(table),
  ]);
  if (!exists?.exists) return [];
  const rows = await conn.query<{ hash: string; created_at: string | number | null }>(
    `select hash, created_at from ${qualified(table)}`,
  );
  const hashes = new Set(rows.map((r) => r.hash));
  const newest = Math.max(0, ...rows.map((r) => Number(r.created_at ?? 0)));
  return files.filter(
    (f) => hashes.has(f.checksum) || (f.drizzleWhen !== undefined && f.drizzleWhen <= newest),
  );
}
