import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { MigrationFailedError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { splitStatements } from '../files/splitStatements.ts';
import { recordMigration } from '../journal/journalStore.ts';
import type { JournalTable } from '../journal/JournalTable.ts';

/** Timeouts applied to a migration's statements. */
export interface StatementLimits {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

/**
 * Applies one file and records it. A transactional file runs with its journal row in one transaction,
 * so a failure leaves schema and journal exactly as before. A non-transactional file runs statement by
 * statement; if one fails, the indexes it was building are dropped so that a retry starts clean.
 */
export async function applyMigration(
  conn: MigrationConnection,
  journal: JournalTable,
  file: MigrationFile,
  limits: StatementLimits,
): Promise<number> {
  const started = performance.now();
  try {
    if (file.transactional) {
      await applyInTransaction(conn, journal, file, limits, started);
    } else {
      await applyWithoutTransaction(conn, journal, file, limits, started);
    }
  } catch (error) {
    throw new MigrationFailedError(file.name, error);
  }
  return performance.now() - started;
}

async function setLimits(conn: MigrationConnection, limits: StatementLimits, local: boolean) {
  await conn.query(
    `select set_config('lock_timeout', $1, ${local}), set_config('statement_timeout', $2, ${local})`,
    [`${limits.lockTimeoutMs}ms`, `${limits.statementTimeoutMs}ms`],
  );
}

async function applyInTransaction(
  conn: MigrationConnection,
  journal: JournalTable,
  file: MigrationFile,
  limits: StatementLimits,
  started: number,
) {
  await conn.exec('begin');
  try {
    await setLimits(conn, limits, true);
    await conn.exec(file.sql);
    await record(conn, journal, file, started);
    await conn.exec('commit');
  } catch (error) {
    // On a dead connection nothing more is written: postgres.js 3.4.9 would throw an uncaught
    // TypeError from the deferred write (porsager/postgres#1154); the server rolls back by itself.
    if (!connectionLost(error)) await conn.exec('rollback').catch(() => {});
    throw error;
  }
}

const LOST = new Set(['ECONNRESET', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P02', '57P03', '08006', '08003']);

function connectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && LOST.has(code);
}

function record(conn: MigrationConnection, journal: JournalTable, file: MigrationFile, started: number) {
  return recordMigration(conn, journal, {
    name: file.name,
    checksum: file.checksum,
    durationMs: performance.now() - started,
    transactional: file.transactional,
    adopted: false,
  });
}

const CONCURRENT_INDEX = /create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/gi;

async function applyWithoutTransaction(
  conn: MigrationConnection,
  journal: JournalTable,
  file: MigrationFile,
  limits: StatementLimits,
  started: number,
) {
  const statements = splitStatements(file.sql);
  const indexNames = [...file.sql.matchAll(CONCURRENT_INDEX)].map((m) => m[1] as string);
  // A run killed mid-build leaves an INVALID index behind; drop it so this run can build it again.
  await dropIndexes(conn, indexNames, { onlyInvalid: true });
  const existedBefore = new Set<string>();
  for (const name of indexNames) if (await indexExists(conn, name)) existedBefore.add(name);
  try {
    await setLimits(conn, limits, false);
    for (const statement of statements) await conn.exec(statement);
    await record(conn, journal, file, started);
  } catch (error) {
    await dropIndexes(conn, indexNames.filter((n) => !existedBefore.has(n)), { onlyInvalid: false }).catch(
      () => {},
    );
    throw error;
  } finally {
    await conn.exec('reset lock_timeout; reset statement_timeout').catch(() => {});
  }
}

async function indexExists(conn: MigrationConnection, name: string): Promise<boolean> {
  const [row] = await conn.query<{ exists: boolean }>('select to_regclass($1) is not null as exists', [name]);
  return row?.exists === true;
}

async function dropIndexes(conn: MigrationConnection, names: readonly string[], opts: { onlyInvalid: boolean }) {
  for (const name of names) {
    const [row] = await conn.query<{ valid: boolean | null }>(
      'select (select indisvalid from pg_index where indexrelid = to_regclass($1)) as valid',
      [name],
    );
    if (row?.valid === null || row?.valid === undefined) continue;
    if (opts.onlyInvalid && row.valid) continue;
    await conn.exec(`drop index concurrently if exists ${name}`);
  }
}
