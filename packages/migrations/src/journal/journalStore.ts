import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { qualified, quoteIdent, type JournalRow, type JournalTable } from './JournalTable.ts';

/** Whether the journal table exists (status must not create it: it is read-only). */
export async function journalExists(conn: MigrationConnection, table: JournalTable): Promise<boolean> {
  const [row] = await conn.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [qualified(table)]);
  return row?.exists === true;
}

/**
 * Creates the journal table if missing, and adds the columns later versions need to a journal made by
 * an earlier one (its rows keep a null set until {@link claimLegacyRows}). Called only while holding
 * the advisory lock.
 */
export async function ensureJournal(conn: MigrationConnection, table: JournalTable): Promise<void> {
  await conn.exec(`
    create schema if not exists ${quoteIdent(table.schema)};
    create table if not exists ${qualified(table)} (
      migration_set text not null,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default clock_timestamp(),
      duration_ms integer not null,
      transactional boolean not null,
      adopted boolean not null default false,
      completed boolean not null default true,
      primary key (migration_set, name)
    );
    alter table ${qualified(table)} add column if not exists migration_set text;
    alter table ${qualified(table)} add column if not exists completed boolean not null default true;`);
}

/**
 * Labels rows written before sets were recorded with `set` (the caller checked they are its files),
 * and moves the primary key from `name` to `(migration_set, name)` so other sets can share the table.
 */
export async function claimLegacyRows(conn: MigrationConnection, table: JournalTable, set: string): Promise<void> {
  await conn.query(`update ${qualified(table)} set migration_set = $1 where migration_set is null`, [set]);
  // Cheap when there is nothing to do: one catalog query.
  const [pk] = await conn.query<{ name: string; columns: string }>(
    `select c.conname as name, string_agg(a.attname, ',' order by a.attnum) as columns
     from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
     where c.conrelid = to_regclass($1) and c.contype = 'p' group by c.conname`,
    [qualified(table)],
  );
  if (pk && pk.columns === 'name') {
    await conn.exec(
      `alter table ${qualified(table)} alter column migration_set set not null, drop constraint ${quoteIdent(pk.name)}, ` +
        'add primary key (migration_set, name)',
    );
  }
}

/** Every journal row of every set, by name. */
export async function readJournal(conn: MigrationConnection, table: JournalTable): Promise<JournalRow[]> {
  if (!(await journalExists(conn, table))) return [];
  const columns = new Set(
    (
      await conn.query<{ attname: string }>('select attname from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped', [
        qualified(table),
      ])
    ).map((r) => r.attname),
  );
  const rows = await conn.query<{
    migration_set: string | null;
    name: string;
    checksum: string;
    applied_at: Date | string;
    duration_ms: number;
    transactional: boolean;
    adopted: boolean;
    completed: boolean;
  }>(
    `select ${columns.has('migration_set') ? 'migration_set' : 'null::text as migration_set'}, name, checksum, applied_at,
       duration_ms, transactional, adopted, ${columns.has('completed') ? 'completed' : 'true as completed'}
     from ${qualified(table)} order by name`,
  );
  return rows.map((r) => ({
    set: r.migration_set,
    name: r.name,
    checksum: r.checksum,
    appliedAt: new Date(r.applied_at),
    durationMs: r.duration_ms,
    transactional: r.transactional,
    adopted: r.adopted,
    completed: r.completed,
  }));
}

/** Records one applied (or adopted, or started: `completed` false) migration of a set. */
export async function recordMigration(
  conn: MigrationConnection,
  table: JournalTable,
  row: Omit<JournalRow, 'appliedAt' | 'completed' | 'set'> & { set: string; completed?: boolean },
): Promise<void> {
  await conn.query(
    `insert into ${qualified(table)} (migration_set, name, checksum, duration_ms, transactional, adopted, completed)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [row.set, row.name, row.checksum, Math.round(row.durationMs), row.transactional, row.adopted, row.completed ?? true],
  );
}

/** Marks a started migration finished, with the text that ran and how long it took. */
export async function completeMigration(
  conn: MigrationConnection,
  table: JournalTable,
  row: { set: string; name: string; checksum: string; durationMs: number },
): Promise<void> {
  await conn.query(
    `update ${qualified(table)} set completed = true, checksum = $3, duration_ms = $4, applied_at = clock_timestamp()
     where migration_set = $1 and name = $2`,
    [row.set, row.name, row.checksum, Math.round(row.durationMs)],
  );
}

/** Removes a started migration's row once its failure left nothing behind. */
export async function forgetMigration(conn: MigrationConnection, table: JournalTable, set: string, name: string): Promise<void> {
  await conn.query(`delete from ${qualified(table)} where migration_set = $1 and name = $2 and not completed`, [set, name]);
}
