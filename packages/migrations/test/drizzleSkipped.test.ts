import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as drizzleMigratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Sql } from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { MigrationChecksumMismatchError, MigrationOutOfOrderError, migrate, migrationStatus } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runCli } from './support/runCli.ts';
import { scratchSuite } from './support/scratchSuite.ts';

// drizzle-orm's migrator applies only files whose journal timestamp is newer than its newest row
// (drizzle-orm #5316): a file merged later with an older timestamp is skipped for good. Adoption must
// record what drizzle's journal really holds, never that skipped file.
describe.each(engines)('adopting a drizzle-migrated database whose migrator skipped a file, on %s', (engine) => {
  const scratch = scratchSuite(engine);
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(() => {
    folder = migrationFolder({
      '0000_a': 'create table a (id int);',
      '0001_c': 'create table c (id int);',
    }).drizzleJournal([
      ['0000_a', 1_000],
      ['0001_c', 3_000],
    ]);
  });
  afterEach(() => folder.remove());

  async function drizzleMigrate() {
    const db = scratch();
    if (db.engine === 'pglite') await drizzleMigratePglite(drizzlePglite(db.client as PGlite), { migrationsFolder: folder.dir });
    else await drizzleMigratePostgres(drizzlePostgres(db.client as Sql), { migrationsFolder: folder.dir });
  }
  const tableExists = async (name: string) => (await scratch().rows<{ t: string | null }>('select to_regclass($1)::text as t', [name]))[0]?.t === name;

  it('an older-named skipped file is reported out of order, refused, and applied on request', async () => {
    await drizzleMigrate();
    // Merged from a branch: sorts before 0001_c by name and by timestamp.
    folder.write('0001_b', 'create table b (id int);').drizzleJournal([
      ['0000_a', 1_000],
      ['0001_b', 2_000],
      ['0001_c', 3_000],
    ]);
    await drizzleMigrate();
    expect(await tableExists('b')).toBe(false); // drizzle skipped it

    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.upToDate).toBe(false);
    expect(status.migrations.map((m) => [m.name, m.state, m.adopted ?? false])).toEqual([
      ['0000_a', 'applied', true],
      ['0001_b', 'out-of-order', false],
      ['0001_c', 'applied', true],
    ]);

    const refused = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MigrationOutOfOrderError);
    expect((refused as MigrationOutOfOrderError).names).toEqual(['0001_b']);
    const journal = await scratch().rows<{ name: string }>('select name from org_migrations order by name');
    expect(journal.map((r) => r.name)).toEqual(['0000_a', '0001_c']);

    const result = await migrate(scratch().client, { folder: folder.dir, allowOutOfOrder: true });
    expect(result.applied.map((m) => m.name)).toEqual(['0001_b']);
    expect(await tableExists('b')).toBe(true);
  });

  it('a newer-named skipped file with an older timestamp is pending and gets applied', async () => {
    await drizzleMigrate();
    folder.write('0002_d', 'create table d (id int);').drizzleJournal([
      ['0000_a', 1_000],
      ['0001_c', 3_000],
      ['0002_d', 2_500],
    ]);
    await drizzleMigrate();
    expect(await tableExists('d')).toBe(false);

    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.find((m) => m.name === '0002_d')?.state).toBe('pending');
    expect(status.upToDate).toBe(false);

    const result = await migrate(scratch().client, { folder: folder.dir });
    expect(result.adopted).toEqual(['0000_a', '0001_c']);
    expect(result.applied.map((m) => m.name)).toEqual(['0002_d']);
    expect(await tableExists('d')).toBe(true);
  });

  it('a file edited after drizzle ran it is adopted as what drizzle ran, so it shows as changed', async () => {
    await drizzleMigrate();
    folder.write('0000_a', 'create table a (id bigint);');
    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.map((m) => [m.name, m.state])).toEqual([
      ['0000_a', 'changed'],
      ['0001_c', 'applied'],
    ]);
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
    expect((error as MigrationChecksumMismatchError).names).toEqual(['0000_a']);
  });

  it.runIf(engine === 'postgres')('org-migrate check exits 1 on the skipped file', async () => {
    await drizzleMigrate();
    folder.write('0001_b', 'create table b (id int);').drizzleJournal([
      ['0000_a', 1_000],
      ['0001_b', 2_000],
      ['0001_c', 3_000],
    ]);
    await drizzleMigrate();
    const check = await runCli(['check', '--url', scratch().url!, '--dir', folder.dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/0001_b\s+out-of-order/);
  });
});
