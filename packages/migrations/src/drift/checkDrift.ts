import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { openMigrationConnection } from '../connection/openMigrationConnection.ts';
import { buildExpectedSchema } from '../adopt/buildExpectedSchema.ts';
import { isKept, keptObjects } from '../adopt/keepMarkers.ts';
import { liveSchema } from '../adopt/liveSchema.ts';
import { compareSchemas } from '../introspect/compareSchemas.ts';
import { appliedRows } from '../journal/appliedRows.ts';
import type { SchemaDifference } from '../introspect/SchemaDifference.ts';
import type { SchemaModel } from '../introspect/SchemaModel.ts';
import type { MigrationSourceOptions } from '../run/MigrateOptions.ts';
import { resolveSource } from '../run/resolveSource.ts';
import { singleFlight } from '../run/singleFlight.ts';
import { checkSchemaDrift, type SchemaDriftReport } from './schemaDrift.ts';

/** Options of {@link checkDrift}. */
export interface DriftOptions extends MigrationSourceOptions {
  /** An empty database to build the expected schema on (left filled). Default: a new in-process PGlite. */
  scratch?: MigrationClient;
  /** Tables (`schema.table`) another migrations set or tool owns, not to report. */
  ignoreTables?: readonly string[];
  /**
   * The drizzle schema the folder's migrations are generated from (a module's exports): when given,
   * the report also says whether `drizzle-kit generate` would write a migration (see checkSchemaDrift;
   * drizzle-kit is loaded only then). The folder needs drizzle-kit's `meta` snapshots.
   */
  schema?: Record<string, unknown>;
  /** drizzle-kit's `casing`, when the project's drizzle config sets one. */
  casing?: 'camelCase' | 'snake_case';
}

/** What {@link checkDrift} found. */
export interface DriftReport {
  set: string;
  /**
   * True when the live schema differs from what the applied migrations produce, or (with `schema`)
   * when the drizzle schema and the committed migrations disagree.
   */
  drifted: boolean;
  /** With `schema`: what `drizzle-kit generate` would write now (nothing when they agree). */
  schemaDrift?: SchemaDriftReport;
  /** Each difference; objects an applied migration keeps (`-- org-migrate:keep`) are left out. */
  differences: SchemaDifference[];
  /** The migrations the expected schema was built from, in the order they were applied. */
  applied: string[];
}

/**
 * Compares the live schema with the one the journal says was applied: the applied migrations are run
 * on a scratch database and both are read from pg_catalog the same way. Catches a manual `alter table`,
 * an index dropped by hand, a migration edited after it ran. Column order and equivalent spellings of
 * the same default are not differences. Read-only on the live database. With `schema`, it also fails
 * when the drizzle schema has changes no committed migration holds (`schemaDrift`).
 *
 * @example
 * const drift = await checkDrift(sql, { folder: './drizzle' });
 * if (drift.drifted) console.error(formatSchemaDiff(drift.differences));
 */
export async function checkDrift(client: MigrationClient, options: DriftOptions): Promise<DriftReport> {
  const { files, journal, set } = resolveSource(options);
  const { rows, live } = await singleFlight(client, async () => {
    const conn = await openMigrationConnection(client);
    try {
      const { rows } = await appliedRows(conn, journal, set, files, options.drizzleJournal);
      return { rows, live: await liveSchema(conn, journal, options.drizzleJournal) };
    } finally {
      await conn.release();
    }
  });
  const byName = new Map(files.map((f) => [f.name, f]));
  const applied = rows
    .filter((r) => r.completed && byName.has(r.name))
    .sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime() || a.name.localeCompare(b.name))
    .map((r) => byName.get(r.name)!);
  const expected: SchemaModel = await buildExpectedSchema(applied, options.scratch);
  const kept = keptObjects(applied);
  const ignored = new Set(options.ignoreTables ?? []);
  const differences = compareSchemas(expected, live).filter((d) => !isKept(d, kept) && !ignored.has(d.object === 'table' ? d.name : (d.table ?? '')));
  const schemaDrift = options.schema
    ? await checkSchemaDrift({ schema: options.schema, folder: options.folder, ...(options.casing ? { casing: options.casing } : {}) })
    : undefined;
  return {
    set,
    drifted: differences.length > 0 || (schemaDrift?.drifted ?? false),
    differences,
    applied: applied.map((f) => f.name),
    ...(schemaDrift ? { schemaDrift } : {}),
  };
}
