import type { MigrationConnection } from '../connection/MigrationConnection.ts';
import { MigrationFailedError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { recordMigration } from '../journal/journalStore.ts';
import type { JournalTable } from '../journal/JournalTable.ts';
import { applyWithoutTransaction } from './applyWithoutTransaction.ts';
import { connectionLost } from './connectionLost.ts';
import { setStatementLimits, type StatementLimits } from './statementLimits.ts';

export type { StatementLimits } from './statementLimits.ts';

/** How one file was applied. */
export interface AppliedMigration {
  durationMs: number;
  /** Set when an interrupted no-transaction file was found already done and only recorded. */
  recovered?: string;
}

/**
 * Applies one file and records it. A transactional file runs with its journal row in one transaction,
 * so a failure leaves schema and journal exactly as before. A no-transaction file (one statement) is
 * journaled as started before it runs, so a run killed mid-statement is resumed by the next one.
 */
export async function applyMigration(
  conn: MigrationConnection,
  journal: JournalTable,
  set: string,
  file: MigrationFile,
  limits: StatementLimits,
  interrupted: boolean,
): Promise<AppliedMigration> {
  const started = performance.now();
  if (!file.transactional) {
    const { recovered } = await applyWithoutTransaction(conn, journal, set, file, limits, interrupted);
    return { durationMs: performance.now() - started, ...(recovered ? { recovered } : {}) };
  }
  await conn.exec('begin').catch((error: unknown) => {
    throw new MigrationFailedError(file.name, error, 'Nothing of it ran: the transaction could not start.');
  });
  try {
    await setStatementLimits(conn, limits, true);
    await conn.exec(file.sql);
    await recordMigration(conn, journal, {
      set,
      name: file.name,
      checksum: file.checksum,
      durationMs: performance.now() - started,
      transactional: true,
      adopted: false,
    });
    await conn.exec('commit');
  } catch (error) {
    // On a dead connection nothing more is written: postgres.js 3.4.9 would throw an uncaught
    // TypeError from the deferred write (porsager/postgres#1154); the server rolls back by itself.
    if (connectionLost(error)) {
      throw new MigrationFailedError(
        file.name,
        error,
        'Nothing of it was kept: the connection was lost, and the server rolls back a transaction whose session ends.',
        { sql: file.sql },
      );
    }
    await conn.exec('rollback').catch(() => {});
    throw new MigrationFailedError(file.name, error, undefined, { sql: file.sql });
  }
  return { durationMs: performance.now() - started };
}
