import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationAdoptError } from '../errors.ts';

/** Options of {@link checkSchemaDrift}. */
export interface SchemaDriftOptions {
  /** The drizzle schema: a module's exports (tables, enums, …), as drizzle-kit's `schema` file gives them. */
  schema: Record<string, unknown>;
  /** The migrations folder drizzle-kit generates into (its `out`), with `meta/_journal.json` and snapshots. */
  folder: string;
  /** drizzle-kit's `casing` setting, when the project's drizzle config sets one. */
  casing?: 'camelCase' | 'snake_case';
}

/** What {@link checkSchemaDrift} found. */
export interface SchemaDriftReport {
  /** True when `drizzle-kit generate` would write a migration. */
  drifted: boolean;
  /** The statements it would write, in order (DDL from the schema's own definitions; never row data). */
  statements: string[];
  /** The snapshot the schema was compared with (`meta/0005_snapshot.json`). */
  snapshot: string;
}

/**
 * Whether the drizzle schema and the committed migrations disagree: the schema's snapshot (drizzle-kit's
 * `generateDrizzleJson`) against the folder's latest `meta` snapshot, diffed by `generateMigration`,
 * exactly what `drizzle-kit generate` compares. Needs no database. drizzle-kit is loaded only here,
 * on demand: install it (it is an optional peer) to use this.
 *
 * @example
 * import * as schema from './src/schema';
 * const drift = await checkSchemaDrift({ schema, folder: './drizzle' });
 * if (drift.drifted) console.error(drift.statements.join('\n'));
 */
export async function checkSchemaDrift(options: SchemaDriftOptions): Promise<SchemaDriftReport> {
  const snapshot = latestSnapshot(options.folder);
  const previous = JSON.parse(readFileSync(join(options.folder, snapshot), 'utf8')) as { id?: string; dialect?: string };
  if (previous.dialect !== 'postgresql') {
    throw new MigrationAdoptError(`${snapshot} is a ${String(previous.dialect)} snapshot: the schema drift check compares PostgreSQL schemas only`);
  }
  let api: typeof import('drizzle-kit/api');
  try {
    api = await import('drizzle-kit/api');
  } catch (error) {
    throw new MigrationAdoptError('the schema drift check runs drizzle-kit: install drizzle-kit (npm i -D drizzle-kit) next to @org/migrations', {
      cause: error,
    });
  }
  const current = api.generateDrizzleJson(options.schema, previous.id, undefined, options.casing);
  const statements = await api.generateMigration(previous as Parameters<typeof api.generateMigration>[0], current);
  return { drifted: statements.length > 0, statements, snapshot };
}

/** `meta/NNNN_snapshot.json` of the journal's last entry, else the highest-numbered snapshot. */
function latestSnapshot(folder: string): string {
  const meta = join(folder, 'meta');
  const journalFile = join(meta, '_journal.json');
  if (existsSync(journalFile)) {
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries?: Array<{ idx: number }> };
    const last = journal.entries?.at(-1);
    const name = last && `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`;
    if (name && existsSync(join(folder, name))) return name;
  }
  const snapshots = existsSync(meta)
    ? readdirSync(meta)
        .filter((f) => /^\d+_snapshot\.json$/.test(f))
        .sort()
    : [];
  if (snapshots.length === 0) {
    throw new MigrationAdoptError(
      `${folder} has no drizzle-kit snapshots (meta/*_snapshot.json): the schema drift check compares the schema with the snapshot ` +
        'drizzle-kit generate wrote last; generate the migrations with drizzle-kit, or leave the schema option out',
    );
  }
  return `meta/${snapshots.at(-1)!}`;
}
