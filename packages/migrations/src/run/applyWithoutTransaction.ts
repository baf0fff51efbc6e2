import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { MigrationFailedError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { scanSql } from '../files/scanSql.ts';
import { concurrentIndexName } from '../files/validateMigrationFile.ts';
import { completeMigration, forgetMigration, recordMigration } from '../journal/journalStore.ts';
import { qualified, type JournalTable } from '../journal/JournalTable.ts';
import { connectionLost } from './connectionLost.ts';
import { setStatementLimits, type StatementLimits } from './statementLimits.ts';

/**
 * Runs a no-transaction file's single statement (validated beforehand). PostgreSQL runs one statement
 * atomically, except that a failed or killed `CREATE INDEX CONCURRENTLY` leaves an INVALID index; so the
 * journal row is written as started first, and:
 * - on failure the INVALID index is dropped and the row removed: nothing was kept, and the error says so;
 * - a rerun after a kill finds the row still started: a VALID index of the file's name was built by the
 *   killed run and is recorded without rebuilding; an INVALID one is dropped and built again.
 */
export async function applyWithoutTransaction(
  conn: MigrationConnection,
  journal: JournalTable,
  set: string,
  file: MigrationFile,
  limits: StatementLimits,
  interrupted: boolean,
): Promise<{ recovered?: string }> {
  const started = performance.now();
  const [statement] = scanSql(file.sql);
  const index = statement ? concurrentIndexName(statement.code) : undefined;
  const complete = () => completeMigration(conn, journal, { set, name: file.name, checksum: file.checksum, durationMs: performance.now() - started });

  if (interrupted && index) {
    const valid = await indexValidity(conn, index);
    if (valid === true) {
      await complete();
      return { recovered: `index ${index} was already built (valid) by the interrupted run; recorded without rebuilding it` };
    }
    if (valid === false) await dropIndex(conn, index);
  }
  if (!interrupted) {
    await recordMigration(conn, journal, {
      set,
      name: file.name,
      checksum: file.checksum,
      durationMs: 0,
      transactional: false,
      adopted: false,
      completed: false,
    });
  }
  if (statement) {
    try {
      await setStatementLimits(conn, limits, false);
      await conn.exec(statement.text);
    } catch (error) {
      throw new MigrationFailedError(file.name, error, await afterFailure(conn, journal, set, file, index, interrupted, error), {
        statement: 1,
        line: statement.line,
      });
    } finally {
      await conn.exec('reset lock_timeout; reset statement_timeout').catch(() => {});
    }
  }
  await complete();
  return {};
}

/** Cleans up after a failed statement and says exactly what stayed. */
async function afterFailure(
  conn: MigrationConnection,
  journal: JournalTable,
  set: string,
  file: MigrationFile,
  index: string | undefined,
  interrupted: boolean,
  error: unknown,
): Promise<string> {
  const resume = `The journal marks ${file.name} interrupted; the next run resumes it`;
  if (connectionLost(error)) {
    return (
      'The connection was lost while its statement ran, so the server may still finish or abandon it. ' +
      `${resume}${index ? ` (recording index ${index} if it is valid, rebuilding it if not).` : '.'}`
    );
  }
  let kept = 'Nothing of it was kept: its single statement failed as a whole.';
  if (index && (await indexValidity(conn, index).catch(() => undefined)) === false) {
    try {
      await dropIndex(conn, index);
      kept = `Nothing of it was kept: the INVALID index ${index} the failed build left was dropped.`;
    } catch (dropError) {
      // The code only: the server's message can quote values.
      const code = (dropError as { code?: unknown } | null)?.code;
      const reason = typeof code === 'string' ? `SQLSTATE ${code}` : 'a client-side error';
      return `The failed build left the INVALID index ${index}, which could not be dropped (${reason}). ${resume}: it drops the index first.`;
    }
  }
  if (interrupted) {
    kept +=
      ` An earlier run of this file was interrupted, so its statement may have completed then; if it did, record it with: ` +
      `update ${qualified(journal)} set completed = true where migration_set = '${set.replaceAll("'", "''")}' and name = '${file.name}'.`;
    return kept;
  }
  try {
    await forgetMigration(conn, journal, set, file.name);
  } catch {
    return `${kept} Its started journal row could not be removed, so the journal marks it interrupted and the next run retries it.`;
  }
  return kept;
}

/** true: a valid index of that name; false: an INVALID one (a failed or killed concurrent build); undefined: none. */
async function indexValidity(conn: MigrationConnection, name: string): Promise<boolean | undefined> {
  const [row] = await conn.query<{ valid: boolean | null }>('select (select indisvalid from pg_index where indexrelid = to_regclass($1)) as valid', [name]);
  return row?.valid ?? undefined;
}

async function dropIndex(conn: MigrationConnection, name: string) {
  await conn.exec(`drop index concurrently if exists ${name}`);
}
