import { resolve } from 'node:path';
import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { DEFAULT_JOURNAL } from '../journal/JournalTable.ts';
import { defaultMigrationSet } from '../journal/migrationSet.ts';
import { migrate, type MigrateResult } from './migrate.ts';
import type { MigrateOptions } from './MigrateOptions.ts';

/** Per client (weakly, so a closed client is forgotten), the run of each configuration. */
const runs = new WeakMap<object, Map<string, Promise<MigrateResult>>>();

/**
 * Migrates on first use: the first call for a client and configuration (folder, set, journal) runs
 * {@link migrate}; every later or concurrent call gets the same promise, so the same report, without
 * touching the database again. Across processes the runner's advisory lock lets one apply and the
 * others find everything applied. A failed run is not cached: the next call tries again.
 *
 * @example
 * export async function handler(req: Request) {
 *   await ensureMigrations(sql, { folder: './drizzle' }); // once per process, however many requests race
 *   return Response.json(await listProjects(db));
 * }
 */
export function ensureMigrations(client: MigrationClient, options: MigrateOptions): Promise<MigrateResult> {
  // One queue per driver client, as migrate's own single-flight: a drizzle db and its client are one.
  const owner = ('$client' in client ? (client as { $client: object }).$client : client) ?? client;
  const journal = { ...DEFAULT_JOURNAL, ...options.journal };
  const key = JSON.stringify([resolve(options.folder ?? ''), options.set ?? defaultMigrationSet(options.folder ?? '.'), journal.schema, journal.name]);
  let byKey = runs.get(owner);
  if (!byKey) runs.set(owner, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const run = migrate(client, options);
  byKey.set(key, run);
  run.catch(() => {
    // Retried on the next call, not remembered.
    if (byKey.get(key) === run) byKey.delete(key);
  });
  return run;
}
