import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { MigrationChecksumMismatchError, MigrationFileError, MigrationMissingError, MigrationOutOfOrderError } from '../errors.ts';
import { validateMigrationFile } from '../files/validateMigrationFile.ts';
import { acquireAdvisoryLock } from '../journal/advisoryLock.ts';
import { DRIZZLE_JOURNAL, filesAppliedByDrizzle } from '../journal/drizzleJournal.ts';
import { claimLegacyRows, ensureJournal, readJournal, recordMigration } from '../journal/journalStore.ts';
import { qualified } from '../journal/JournalTable.ts';
import { rowsOfSet } from '../journal/rowsOfSet.ts';
import { applyMigration } from './applyMigration.ts';
import type { MigrateOptions } from './MigrateOptions.ts';
import { planMigrations } from './planMigrations.ts';
import { resolveSource } from './resolveSource.ts';
import { singleFlight } from './singleFlight.ts';

/** What {@link migrate} did. */
export interface MigrateResult {
  /** The set the folder's migrations are journaled under. */
  set: string;
  /** Migrations run now, in order, with how long each took. */
  applied: { name: string; durationMs: number; transactional: boolean }[];
  /** Migrations already applied before this run. */
  skipped: string[];
  /** Migrations recorded from drizzle-orm's journal without running them. */
  adopted: string[];
  /**
   * Interrupted no-transaction migrations found already done (e.g. a valid index a killed run had
   * built) and recorded without running them again; `note` says what was found. Also listed in `applied`.
   */
  recovered: { name: string; note: string }[];
  /** Other sets journaled in the same table, with their row counts (their rows are left alone). */
  otherSets: Record<string, number>;
  /** Wall time of the run, lock wait included. */
  durationMs: number;
}

/**
 * Applies pending migrations, safely with any number of concurrent runners: an advisory lock
 * serialises runs across processes and calls on one client are queued in-process, each file runs in
 * its own transaction with its journal row, edited, missing and out-of-order files and files that
 * would not do what they say are refused before anything runs, and a database migrated by
 * drizzle-orm's migrator is adopted. Works the same on a postgres.js client and on PGlite.
 *
 * @example
 * const result = await migrate(postgres(process.env.DATABASE_URL!, { max: 1 }), { folder: './drizzle' });
 * console.log(result.applied.map((m) => m.name));
 */
export async function migrate(client: MigrationClient, options: MigrateOptions): Promise<MigrateResult> {
  const started = performance.now();
  const { files, journal, set } = resolveSource(options);
  return singleFlight(client, async () => {
    const conn = await openMigrationConnection(client);
    try {
      const unlock = await acquireAdvisoryLock(conn, `org-migrate:${qualified(journal)}`, {
        timeoutMs: options.lockWaitTimeoutMs ?? 60_000,
        pollMs: options.lockPollMs ?? 200,
        onWait: (holder) => options.onProgress?.({ type: 'lock-wait', holder }),
      });
      try {
        await ensureJournal(conn, journal);
        let view = rowsOfSet(await readJournal(conn, journal), set, files, qualified(journal));
        // Also for an empty journal of an earlier version, whose primary key is still `name` alone.
        await claimLegacyRows(conn, journal, set);
        const adopted: string[] = [];
        if (view.rows.length === 0 && options.drizzleJournal !== false) {
          const drizzleTable = { ...DRIZZLE_JOURNAL, ...(options.drizzleJournal || {}) };
          // Recorded with the hash drizzle ran, so a file edited since shows as changed, not applied.
          for (const { file, checksum } of await filesAppliedByDrizzle(conn, files, drizzleTable)) {
            await recordMigration(conn, journal, {
              set,
              name: file.name,
              checksum,
              durationMs: 0,
              transactional: file.transactional,
              adopted: true,
            });
            adopted.push(file.name);
          }
          if (adopted.length > 0) view = rowsOfSet(await readJournal(conn, journal), set, files, qualified(journal));
        }

        const plan = planMigrations(files, view.rows);
        const changed = plan.filter((e) => e.state === 'changed').map((e) => e.name);
        if (changed.length > 0) throw new MigrationChecksumMismatchError(changed);
        const missing = plan.filter((e) => e.state === 'missing').map((e) => e.name);
        if (missing.length > 0) throw new MigrationMissingError(missing, qualified(journal));
        const outOfOrder = plan.filter((e) => e.state === 'out-of-order').map((e) => e.name);
        if (outOfOrder.length > 0 && !options.allowOutOfOrder) throw new MigrationOutOfOrderError(outOfOrder);

        const runnable = new Set(['pending', 'out-of-order', 'interrupted']);
        const interrupted = new Set(plan.filter((e) => e.state === 'interrupted').map((e) => e.name));
        const toApply = files.filter((f) => plan.some((e) => e.name === f.name && runnable.has(e.state)));
        // Every file to run is checked before the first one runs, so a bad file never leaves half a run.
        const problems = toApply.flatMap(validateMigrationFile);
        if (problems.length > 0) throw new MigrationFileError(problems);
        const applied: MigrateResult['applied'] = [];
        const recovered: MigrateResult['recovered'] = [];
        const limits = {
          lockTimeoutMs: options.ddlLockTimeoutMs ?? 5_000,
          statementTimeoutMs: options.statementTimeoutMs ?? 0,
        };
        for (const [index, file] of toApply.entries()) {
          options.onProgress?.({ type: 'start', name: file.name, index, total: toApply.length });
          const { durationMs, recovered: note } = await applyMigration(conn, journal, set, file, limits, interrupted.has(file.name));
          if (note) recovered.push({ name: file.name, note });
          applied.push({ name: file.name, durationMs, transactional: file.transactional });
          options.onProgress?.({ type: 'done', name: file.name, durationMs });
        }
        const skipped = plan.filter((e) => e.state === 'applied' && !adopted.includes(e.name)).map((e) => e.name);
        return { set, applied, skipped, adopted, recovered, otherSets: view.otherSets, durationMs: performance.now() - started };
      } finally {
        await unlock().catch(() => {});
      }
    } finally {
      await conn.release();
    }
  });
}
