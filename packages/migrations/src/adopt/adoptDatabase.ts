import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationClient, MigrationConnection } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { MigrationAdoptError, MigrationFailedError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import { compareSchemas } from '../introspect/compareSchemas.ts';
import type { SchemaModel } from '../introspect/SchemaModel.ts';
import { acquireAdvisoryLock } from '../journal/advisoryLock.ts';
import { claimLegacyRows, ensureJournal, readJournal, recordMigration } from '../journal/journalStore.ts';
import { qualified, type JournalTable } from '../journal/JournalTable.ts';
import { rowsOfSet } from '../journal/rowsOfSet.ts';
import { resolveSource } from '../run/resolveSource.ts';
import { singleFlight } from '../run/singleFlight.ts';
import type { AdoptOptions, AdoptResult } from './AdoptOptions.ts';
import { BRIDGE_MARKER, bridgeSql } from './bridgeSql.ts';
import { buildExpectedSchema } from './buildExpectedSchema.ts';
import { defaultRowTables } from './defaultRows.ts';
import { isKept, keptObjects } from './keepMarkers.ts';
import { liveSchema, markData } from './liveSchema.ts';
import { uncastableColumns } from './uncastableColumns.ts';

/**
 * Brings a database built by another tool (Prisma Migrate, drizzle-kit push, hand-written SQL) under
 * the runner. It builds the schema the folder's migrations produce on a scratch database, reads the
 * live one from pg_catalog, and compares them:
 * - identical: every migration is recorded as applied (adopted) without running it;
 * - different, no bridge in the folder: a bridge migration that converts the database is written into
 *   the folder for review (tables and columns the migrations do not make are kept unless `allowDrop`),
 *   and nothing is recorded;
 * - different, with a bridge in the folder: the bridge runs, the database is compared again, and only
 *   if it now matches is everything recorded, in the same transaction; otherwise it is all rolled back.
 * The journal never says a migration's schema is there when it is not.
 *
 * @example
 * const result = await adoptDatabase(sql, { folder: './drizzle' });
 * if (result.outcome === 'bridge-written') console.log(`review ${result.bridgeFile}, then adopt again`);
 */
export async function adoptDatabase(client: MigrationClient, options: AdoptOptions): Promise<AdoptResult> {
  const { files, journal, set } = resolveSource(options);
  const expected = await buildExpectedSchema(files, options.scratch);
  const kept = keptObjects(files);
  const bridge = files.filter((f) => f.sql.split('\n', 1)[0]?.trim() === BRIDGE_MARKER).at(-1);

  return singleFlight(client, async () => {
    const conn = await openMigrationConnection(client);
    try {
      const unlock = await acquireAdvisoryLock(conn, `org-migrate:${qualified(journal)}`, {
        timeoutMs: options.lockWaitTimeoutMs ?? 60_000,
        pollMs: 200,
      });
      try {
        const view = rowsOfSet(await readJournal(conn, journal), set, files, qualified(journal));
        if (view.rows.length > 0) {
          throw new MigrationAdoptError(
            `nothing was done: ${qualified(journal)} already records ${view.rows.length} migration(s) of the set "${set}". ` +
              'Adoption is for a database the runner has not migrated; for this one run `org-migrate check --drift`.',
          );
        }
        const compare = async (live: SchemaModel) =>
          markData(
            conn,
            compareSchemas(expected, live).filter((d) => !isKept(d, kept)),
          );
        const live = await liveSchema(conn, journal, options.drizzleJournal);
        const differences = await compare(live);
        const base = { set, differences, remaining: [], kept: [], review: [] } satisfies Partial<AdoptResult>;

        if (differences.length === 0) {
          await inTransaction(conn, () => recordAll(conn, journal, set, files, undefined));
          return { ...base, outcome: 'adopted', recorded: files.map((f) => f.name) };
        }
        if (bridge) {
          const bridgeFile = join(options.folder, `${bridge.name}.sql`);
          let remaining: AdoptResult['remaining'] = [];
          await inTransaction(conn, async () => {
            const started = performance.now();
            try {
              await conn.exec(bridge.sql);
            } catch (error) {
              throw new MigrationFailedError(bridge.name, error, 'Nothing of it was kept, and nothing was recorded: its transaction was rolled back.', {
                sql: bridge.sql,
              });
            }
            remaining = await compare(await liveSchema(conn, journal, options.drizzleJournal));
            if (remaining.length > 0) throw new Differs();
            await recordAll(conn, journal, set, files, { name: bridge.name, durationMs: performance.now() - started });
          }).catch((error: unknown) => {
            if (!(error instanceof Differs)) throw error;
          });
          if (remaining.length > 0) return { ...base, outcome: 'differs', remaining, recorded: [], bridgeFile };
          return { ...base, outcome: 'bridged', recorded: files.map((f) => f.name), bridgeFile };
        }
        const written = bridgeSql(differences, expected, live, {
          allowDrop: options.allowDrop ?? false,
          defaultRows: defaultRowTables(files),
          uncastable: await uncastableColumns(conn, differences),
        });
        const bridgeFile = join(options.folder, `${nextPrefix(files)}_adopt_bridge.sql`);
        writeFileSync(bridgeFile, written.sql, { flag: 'wx' });
        return { ...base, outcome: 'bridge-written', recorded: [], bridgeFile, kept: written.kept, review: written.review };
      } finally {
        await unlock().catch(() => {});
      }
    } finally {
      await conn.release();
    }
  });
}

/** The bridge ran but the database still differs: roll back, report. */
class Differs extends Error {}

async function inTransaction(conn: MigrationConnection, work: () => Promise<void>): Promise<void> {
  await conn.exec('begin');
  try {
    await work();
    await conn.exec('commit');
  } catch (error) {
    await conn.exec('rollback').catch(() => {});
    throw error;
  }
}

async function recordAll(
  conn: MigrationConnection,
  journal: JournalTable,
  set: string,
  files: readonly MigrationFile[],
  ran: { name: string; durationMs: number } | undefined,
) {
  await ensureJournal(conn, journal);
  await claimLegacyRows(conn, journal, set);
  for (const file of files) {
    await recordMigration(conn, journal, {
      set,
      name: file.name,
      checksum: file.checksum,
      durationMs: file.name === ran?.name ? ran.durationMs : 0,
      transactional: file.transactional,
      adopted: file.name !== ran?.name,
    });
  }
}

/** The next file number in the folder's own style (`0004` after `0003_x`), so the bridge sorts last. */
function nextPrefix(files: readonly MigrationFile[]): string {
  const numbers = files.map((f) => /^(\d+)_/.exec(f.name)?.[1]).filter((n): n is string => n !== undefined);
  if (numbers.length === 0) return new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const last = numbers.sort().at(-1)!;
  return String(BigInt(last) + 1n).padStart(last.length, '0');
}
