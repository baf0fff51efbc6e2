import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { qualified, type JournalRow, type JournalTable } from './JournalTable.ts';

/** Whether the journal table exists (status must not create it: it is read-only). */
export async function journalExists(conn: MigrationConnection, table: JournalTable): Promise<boolean> {
  const [row] = await conn.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [
    qualified(table),
  ]);
  return row?.exists === true;
}

/** Creates the journal table if missing. Called only while holding the advisory lock. */
export async function ensureJournal(conn: MigrationConnection, table: JournalTable): Promise<void> {
  await conn.exec(`
    create schema if not exists "${table.schema.replaceAll('"', '""')}";
    create table if not exists ${qualified(table)} (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default clock_timestamp(),
      duration_ms integer not null,
      transactional boolean not null,
      adopted boolean not null default false
    );`);
}

/** Every journal row, by name. */
export async function readJournal(conn: MigrationConnection, table: JournalTable): Promise<JournalRow[]> {
  if (!(await journalExists(conn, table))) return [];
  const rows = await conn.query<{
    name: string;
    checksum: string;
    applied_at: Date | string;
    duration_ms: number;
    transactional: boolean;
    adopted: boolean;
  }>(
    `select name, checksum, applied_at, duration_ms, transactional, adopted from ${qualified(table)} order by name`,
  );
  return rows.map((r) => ({
    name: r.name,
    checksum: r.checksum,
    appliedAt: new Date(r.applied_at),
    durationMs: r.duration_ms,
    transactional: r.transactional,
    adopted: r.adopted,
  }));
}

/** Records one applied (or adopted) migration. */
export async function recordMigration(
  conn: MigrationConnection,
  table: JournalTable,
  row: Omit<JournalRow, 'appliedAt'>,
): Promise<void> {
  await conn.query(
    `insert into ${qualified(table)} (name, checksum, duration_ms, transactional, adopted) values ($1, $2, $3, $4, $5)`,
    [row.name, row.checksum, Math.round(row.durationMs), row.transactional, row.adopted],
  );
}
