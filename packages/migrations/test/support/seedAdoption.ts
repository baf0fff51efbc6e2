// Shared pieces of the seed teams' adoption tests: the fixtures, a script runner for either engine, @org's
// migrations in a folder a bridge can be written to, and where a team pastes its manual step.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScratchDatabase } from '../../../../tooling/testEngines.ts';
import { orgMigrationsFolder, readMigrationFolder } from '../../src/index.ts';
import { migrationFolder } from './migrationFolder.ts';

/** A file of test/fixtures/seeds. */
export function seedFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/seeds/${name}`, import.meta.url), 'utf8');
}

/** Runs a script of several statements, as psql or another tool would (simple query protocol). */
export async function runScript(db: ScratchDatabase, sql: string): Promise<void> {
  const client = db.client as { exec?: (s: string) => Promise<unknown>; unsafe?: (s: string) => { simple(): Promise<unknown> } };
  if (client.exec) await client.exec(sql);
  else await client.unsafe!(sql).simple();
}

/** Row counts of these tables. */
export async function rowCounts(db: ScratchDatabase, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await db.rows<{ n: number }>(`select count(*)::int as n from ${t}`))[0]!.n);
  return out;
}

/** One text per row, in order: `select <projection> as r from …` read as a string array. */
export async function projection(db: ScratchDatabase, query: string): Promise<string[]> {
  return (await db.rows<{ r: string }>(query)).map((row) => row.r);
}

/** The SQLSTATE a statement fails with (undefined when it succeeds). */
export async function sqlState(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return stateOf(error);
  }
}

/** The SQLSTATE of a driver error, or of the server error a MigrationFailedError carries. */
export function stateOf(error: unknown): string {
  const e = error as { code?: string; sqlState?: string; cause?: { code?: string } };
  return e.sqlState ?? (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined) ?? e.cause?.code ?? 'no code';
}

/** @org's migrations copied into a temporary folder the bridge is written to. */
export function orgFolder() {
  const folder = migrationFolder();
  for (const f of readMigrationFolder(orgMigrationsFolder())) cpSync(join(orgMigrationsFolder(), `${f.name}.sql`), join(folder.dir, `${f.name}.sql`));
  return folder;
}

/**
 * The bridge with a team's manual step pasted right after its last CREATE TABLE statement: the new tables
 * exist, no column has changed type and no check or foreign key is added yet.
 */
export function withManualStep(bridge: string, manual: string): string {
  const end = bridge.indexOf('\n);\n', bridge.lastIndexOf('CREATE TABLE IF NOT EXISTS')) + 4;
  if (end < 4) throw new Error('the bridge has no CREATE TABLE statement to paste the manual step after');
  return `${bridge.slice(0, end)}\n${manual}\n${bridge.slice(end)}`;
}

/** Microsecond text of a naive timestamp column, or of a timestamptz column read as UTC wall clock. */
export function utc(column: string, naive: boolean): string {
  return `coalesce(to_char(${naive ? column : `${column} at time zone 'UTC'`}, 'YYYY-MM-DD HH24:MI:SS.US'), 'null')`;
}

/** One row as text: each expression's text (NULL written `null`), joined by `|`. */
export function rowText(...expressions: string[]): string {
  return `concat_ws('|', ${expressions.map((e) => `coalesce((${e})::text, 'null')`).join(', ')})`;
}
