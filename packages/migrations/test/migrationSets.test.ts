import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import {
  MigrationFolderError,
  MigrationSetError,
  migrate,
  migrationStatus,
  orgMigrationsFolder,
  readMigrationFolder,
  type MigrateOptions,
} from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

describe.each(engines)('migration sets sharing one journal on %s', (engine) => {
  const scratch = scratchSuite(engine);
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  function folder(files: Record<string, string>) {
    const f = migrationFolder(files);
    cleanups.push(() => f.remove());
    return f;
  }
  const journalExists = async () => (await scratch().rows<{ t: string | null }>(`select to_regclass('public.org_migrations')::text as t`))[0]?.t !== null;

  it('refuses to run without a folder, before touching the database', async () => {
    const error = await migrate(scratch().client, {} as MigrateOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFolderError);
    expect((error as Error).message).toContain('no migrations folder given');
    await expect(migrationStatus(scratch().client, {} as MigrateOptions)).rejects.toBeInstanceOf(MigrationFolderError);
    expect(await journalExists()).toBe(false);
  });

  it("a consumer's folder after @org's: both apply, each sees only its own rows", async () => {
    await migrate(scratch().client, { folder: orgMigrationsFolder() });
    // The consumer's drizzle-kit folder, with a file named like one of @org's.
    const root = mkdtempSync(join(tmpdir(), 'org-migrate-consumer-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const drizzle = join(root, 'drizzle');
    mkdirSync(drizzle);
    writeFileSync(join(drizzle, '0000_init.sql'), 'create table consumer_notes (id int primary key);');

    const result = await migrate(scratch().client, { folder: drizzle });
    expect(result.set).toBe('drizzle');
    expect(result.applied.map((m) => m.name)).toEqual(['0000_init']);
    expect(result.otherSets).toEqual({ '@org/migrations': readMigrationFolder(orgMigrationsFolder()).length });

    expect((await migrationStatus(scratch().client, { folder: drizzle })).upToDate).toBe(true);
    expect((await migrationStatus(scratch().client, { folder: orgMigrationsFolder() })).upToDate).toBe(true);
    const sets = await scratch().rows<{ migration_set: string; name: string }>(
      `select migration_set, name from org_migrations where name = '0000_init' order by migration_set`,
    );
    expect(sets).toEqual([
      { migration_set: '@org/migrations', name: '0000_init' },
      { migration_set: 'drizzle', name: '0000_init' },
    ]);
  });

  it('this folder journaled under another set name is a clear error, and --set fixes it', async () => {
    const files = { '0000_a': 'create table a (id int);' };
    await migrate(scratch().client, { folder: folder(files).dir, set: 'app' });
    const moved = folder({ ...files, '0001_b': 'create table b (id int);' });

    const error = await migrate(scratch().client, { folder: moved.dir, set: 'app-renamed' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationSetError);
    expect((error as Error).message).toContain('journaled in "public"."org_migrations" under the set "app", not "app-renamed"');
    expect((error as Error).message).toContain('--set app');
    const result = await migrate(scratch().client, { folder: moved.dir, set: 'app' });
    expect(result.applied.map((m) => m.name)).toEqual(['0001_b']);
  });

  /** A journal as versions before migration sets wrote it. */
  async function legacyJournal(rows: Array<[name: string, checksum: string]>) {
    await scratch().rows(`create table org_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default clock_timestamp(),
      duration_ms integer not null, transactional boolean not null, adopted boolean not null default false)`);
    for (const [name, checksum] of rows) {
      await scratch().rows('insert into org_migrations (name, checksum, duration_ms, transactional) values ($1, $2, 0, true)', [name, checksum]);
    }
  }

  it('rows written before sets existed are claimed by their own folder', async () => {
    const f = folder({ '0000_a': 'create table a (id int);' });
    await scratch().rows('create table a (id int)');
    await legacyJournal([['0000_a', readMigrationFolder(f.dir)[0]!.checksum]]);
    f.write('0001_b', 'create table b (id int);');

    const result = await migrate(scratch().client, { folder: f.dir, set: 'app' });
    expect(result.skipped).toEqual(['0000_a']);
    expect(result.applied.map((m) => m.name)).toEqual(['0001_b']);
    expect(await scratch().rows('select migration_set, name from org_migrations order by name')).toEqual([
      { migration_set: 'app', name: '0000_a' },
      { migration_set: 'app', name: '0001_b' },
    ]);
    // Another set can now share the table, its names included.
    const other = folder({ '0000_a': 'create table other_a (id int);' });
    expect((await migrate(scratch().client, { folder: other.dir, set: 'other' })).applied.map((m) => m.name)).toEqual(['0000_a']);
  });

  it('an empty journal of an earlier version is upgraded, so two sets can share a file name', async () => {
    await legacyJournal([]);
    const a = folder({ '0000_init': 'create table a_init (id int);' });
    const b = folder({ '0000_init': 'create table b_init (id int);' });
    expect((await migrate(scratch().client, { folder: a.dir, set: 'a' })).applied.map((m) => m.name)).toEqual(['0000_init']);
    expect((await migrate(scratch().client, { folder: b.dir, set: 'b' })).applied.map((m) => m.name)).toEqual(['0000_init']);
  });

  it("another folder's rows from before sets existed are refused, naming them, instead of 'applied migration was edited'", async () => {
    await legacyJournal([
      ['0000_init', 'aaaa'],
      ['0001_updated_at_triggers', 'bbbb'],
    ]);
    const consumer = folder({ '0000_init': 'create table consumer_notes (id int);' });
    const error = await migrate(scratch().client, { folder: consumer.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationSetError);
    expect((error as Error).message).toContain(
      'holds migrations recorded before migration sets existed that are not in this folder: 0001_updated_at_triggers.sql',
    );
    expect(await scratch().rows(`select to_regclass('consumer_notes')::text as t`)).toEqual([{ t: null }]);
  });
});
