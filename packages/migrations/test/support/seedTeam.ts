// What the seed-team adoption tests (seedAdoption.<team>.test.ts) share: a team's SQL fixtures, @org's
// migrations in a folder adopt can write a bridge into, the team's manual step pasted where its header
// says, and a row-for-row digest of a table that does not depend on the column types adoption changes.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { schema } from '@org/schema';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import type { ScratchDatabase } from '../../../../tooling/testEngines.ts';
import { orgMigrationsFolder, readMigrationFolder } from '../../src/index.ts';
import { migrationFolder } from './migrationFolder.ts';

import { runScript } from './seedAdoption.ts';

export { rowCounts as countRows, runScript, seedFixture } from './seedAdoption.ts';

/**
 * A table's content as `{ rows, md5 }`: `rows` is the number of rows, `md5` the md5 of every row's
 * projection (`columns`, SQL expressions, each cast to text, NULL spelled out) in key order. Two
 * digests are equal only if the same rows hold the same values row for row; the test spells each
 * column so that the team's type and @org's give the same text (timestamps as epoch seconds, say).
 */
export async function digest(db: ScratchDatabase, table: string, key: string, columns: readonly string[]): Promise<{ rows: number; md5: string }> {
  const row = columns.map((c) => `coalesce((${c})::text, '<null>')`).join(` || '|' || `);
  const [r] = await db.rows<{ rows: number; md5: string }>(
    `select count(*)::int as rows, md5(coalesce(string_agg(${row}, E'\\n' order by ${key}), '')) as md5 from ${table}`,
  );
  return { rows: Number(r!.rows), md5: r!.md5 };
}

/** A timestamp as epoch seconds with microseconds: the same for a naive UTC `timestamp` and its `timestamptz`. */
export function epoch(column: string): string {
  return `extract(epoch from ${column})::numeric(20,6)`;
}

/** @org's migrations copied into a temporary folder the bridge is written to. */
export function orgFolder() {
  const folder = migrationFolder();
  for (const f of readMigrationFolder(orgMigrationsFolder())) cpSync(join(orgMigrationsFolder(), `${f.name}.sql`), join(folder.dir, `${f.name}.sql`));
  return folder;
}

/** Pastes the team's manual step into the written bridge right after its last CREATE TABLE (or at its start). */
export function pasteManualStep(bridgeFile: string, manual: string): void {
  const written = readFileSync(bridgeFile, 'utf8');
  const lastCreate = written.lastIndexOf('CREATE TABLE IF NOT EXISTS');
  const end = lastCreate < 0 ? written.indexOf('\n\n') + 1 : written.indexOf('\n);\n', lastCreate) + 4;
  writeFileSync(bridgeFile, `${written.slice(0, end)}\n${manual}\n${written.slice(end)}`);
}

/** drizzle over the scratch database with @org's schema, as the team's code would use it. */
export function orgDb(db: ScratchDatabase) {
  return db.engine === 'pglite' ? drizzlePglite({ client: db.client as PGlite, schema }) : drizzlePostgres({ client: db.client as Sql, schema });
}

/** @org's migrations run as plain SQL, with no journal: a database another tool already built to @org's schema. */
export async function buildOrgSchemaWithoutJournal(db: ScratchDatabase): Promise<void> {
  for (const f of readMigrationFolder(orgMigrationsFolder())) await runScript(db, f.sql.replaceAll('--> statement-breakpoint', ''));
}
