import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { qualified, quoteIdent, type JournalRow, type JournalTable } from './JournalTable.ts';

/** Whether the journal table exists (status must not create it: it is read-only). */
export async function journalExists(conn: MigrationConnection, table: JournalTable): Promise<boolean> {
  const [row] = await conn.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [
    qualified(table),
  ]);
  return row?.exists === true;
}

/**
 * Creates the journal table if missing, and adds the columns later versions need to a journal made by
 * an earlier one. Called only while holding the advisory lock.
 */
export async function ensureJournal(conn: MigrationConnection, table: JournalTable): Promise<void> {
  await conn.exec(`
    create schema if not exists ${quoteIdent(table.schema)};
    create table if not exists ${qualified(table)} (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default clock_timestamp(),
      duration_ms integer not null,
      transactional boolean not null,
      adopted boolean not null default false
    );
    alter table ${qualified(table)} add column if not exists completed boolean not null default true;`);
}

/** Every journal row, by name. */
export async function readJournal(conn: MigrationConnection, table: JournalTable): Promise<JournalRow[]> {
  if (!(await journalExists(conn, table))) return [];
  const [hasCompleted] = await conn.query<{ exists: boolean }>(
    `select exists (select 1 from pg_attribute where attrelid = to_regclass($1) and attname = 'completed' and not attisdropped) as exists`,
    [qualified(table)],
  );
  const rows = await conn.query<{
    name: string;
    checksum: string;
    applied_at: Date | string;
    duration_ms: number;
    transactional: boolean;
    adopted: boolean;
    completed: boolean;
  }>(
    `select name, checksum, applied_at, duration_ms, transactional, adopted, ${hasCompleted?.exists ? 'completed' : 'true as completed'}
     from ${qualified(table)} order by name`,
  );
  return rows.map((r) => ({
    name: r.name,
    checksum: r.checksum,
    appliedAt: new Date(r.applied_at),
    durationMs: r.duration_ms,
    transactional: r.transactional,
    adopted: r.adopted,
    completed: r.completed,
  }));
}

/** Records one applied (or adopted, or started: `completed` false) migration. */
export async function recordMigration(
  conn: MigrationConnection,
  table: JournalTable,
  row: Omit<JournalRow, 'appliedAt' | 'completed'> & { completed?: boolean },
): Promise<void> {
  await conn.query(
    `insert into ${qualified(table)} (name, checksum, duration_ms, transactional, adopted, completed)
     values ($1, $2, $3, $4, $5, $6)`,
    [row.name, row.checksum, Math.round(row.durationMs), row.transactional, row.adopted, row.completed ?? true],
  );
}

/** Marks a started migration finished, with the text that ran and how long it took. */
export async function completeMigration(
  conn: MigrationConnection,
  table: JournalTable,
  row: { name: string; checksum: string; durationMs: number },
): Promise<void> {
  await conn.query(
    `update ${qualified(table)} set completed = true, checksum = $2, duration_ms = $3, applied_at = clock_timestamp()
     where name = $1`,
    [row.name, row.checksum, Math.round(row.durationMs)],
  );
}

/** Removes a started migration's row once its failure left nothing behind. */
export async function forgetMigration(conn: MigrationConnection, table: JournalTable, name: string): Promise<void> {
  await conn.query(`delete from ${qualified(table)} where name = $1 and not completed`, [name]);
}
