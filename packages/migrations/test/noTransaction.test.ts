import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { MigrationFailedError, MigrationFileError, NO_TRANSACTION_MARKER, migrate, migrationStatus } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';

describe.each(engines)('non-transactional migrations on %s', (engine) => {
  const scratch = scratchSuite(engine);
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(async () => {
    folder = migrationFolder({
      '0000_items': `create table items (id int primary key, code text);
--> statement-breakpoint
insert into items values (1, 'a'), (2, 'a'), (3, 'b');`,
    });
  });
  afterEach(() => folder.remove());

  const index = () =>
    scratch().rows<{ indisvalid: boolean; oid: number }>(
      `select indisvalid, indexrelid::int as oid from pg_index where indexrelid = to_regclass('items_code_key')`,
    );
  const journal = () => scratch().rows<{ name: string; completed: boolean }>('select name, completed from org_migrations order by name');
  /** The journal row a runner writes just before it runs a no-transaction file's statement. */
  const startedRow = (name: string) =>
    scratch().rows(
      `insert into org_migrations (migration_set, name, checksum, duration_ms, transactional, adopted, completed)
       select migration_set, $1, 'x', 0, false, false, false from org_migrations limit 1`,
      [name],
    );

  it('applies CREATE INDEX CONCURRENTLY outside a transaction', async () => {
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently items_code_key on items (code);`);
    const result = await migrate(scratch().client, { folder: folder.dir });
    expect(result.applied.map((m) => [m.name, m.transactional])).toEqual([
      ['0000_items', true],
      ['0001_index', false],
    ]);
    expect((await index()).map((i) => i.indisvalid)).toEqual([true]);
    expect(await journal()).toEqual([
      { name: '0000_items', completed: true },
      { name: '0001_index', completed: true },
    ]);
  });

  it('a failed concurrent index: the error says its INVALID index was dropped, the file is pending, a retry works', async () => {
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate unique index concurrently items_code_key on items (code);`);
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).kept).toBe('Nothing of it was kept: the INVALID index items_code_key the failed build left was dropped.');
    expect(await index()).toEqual([]);
    expect(await journal()).toEqual([{ name: '0000_items', completed: true }]);

    await scratch().rows(`update items set code = 'c' where id = 2`);
    const retry = await migrate(scratch().client, { folder: folder.dir });
    expect(retry.applied.map((m) => m.name)).toEqual(['0001_index']);
    expect((await index()).map((i) => i.indisvalid)).toEqual([true]);
  });

  it('refuses a no-transaction file with a second statement before running anything, naming its line', async () => {
    folder.write(
      '0001_mixed',
      `${NO_TRANSACTION_MARKER}\nalter table items add column extra int;\n--> statement-breakpoint\ncreate unique index concurrently items_code_key on items (code);`,
    );
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFileError);
    expect((error as MigrationFileError).problems).toEqual([{ migration: '0001_mixed', line: 4, message: expect.stringContaining('exactly one statement') }]);
    expect((error as Error).message).toMatch(/^nothing was run: 0001_mixed\.sql line 4: /);
    // Checked before the first file ran: not even 0000_items was applied.
    expect(await scratch().rows(`select to_regclass('items')::text as t`)).toEqual([{ t: null }]);
  });

  it('refuses an unnamed concurrent index, which a rerun could not find', async () => {
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently on items (code);`);
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFileError);
    expect((error as Error).message).toContain('0001_index.sql line 2: name the concurrent index');
  });

  it('resumes a run killed after the index was built: records the valid index without rebuilding it', async () => {
    await migrate(scratch().client, { folder: folder.dir });
    // What a SIGKILL between the finished build and the journal update leaves behind.
    await startedRow('0001_index');
    await scratch().rows('create index concurrently items_code_key on items (code)');
    const [before] = await index();
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently items_code_key on items (code);`);

    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.map((m) => [m.name, m.state])).toEqual([
      ['0000_items', 'applied'],
      ['0001_index', 'interrupted'],
    ]);
    expect(status.upToDate).toBe(false);

    const result = await migrate(scratch().client, { folder: folder.dir });
    expect(result.applied.map((m) => m.name)).toEqual(['0001_index']);
    expect(result.recovered).toEqual([{ name: '0001_index', note: expect.stringContaining('index items_code_key was already built (valid)') }]);
    expect(await index()).toEqual([before]);
    expect((await migrationStatus(scratch().client, { folder: folder.dir })).upToDate).toBe(true);
  });

  it('resumes a run killed mid-build: drops the INVALID index and builds it again', async () => {
    await migrate(scratch().client, { folder: folder.dir });
    await startedRow('0001_index');
    // A failed concurrent build leaves an INVALID index, as a killed one does.
    await expect(scratch().rows('create unique index concurrently items_code_key on items (code)')).rejects.toThrow();
    const [invalid] = await index();
    expect(invalid?.indisvalid).toBe(false);
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently items_code_key on items (code);`);

    const result = await migrate(scratch().client, { folder: folder.dir });
    expect(result.applied.map((m) => m.name)).toEqual(['0001_index']);
    expect(result.recovered).toEqual([]);
    const [rebuilt] = await index();
    expect(rebuilt?.indisvalid).toBe(true);
    expect(rebuilt?.oid).not.toBe(invalid?.oid);
    expect(await journal()).toEqual([
      { name: '0000_items', completed: true },
      { name: '0001_index', completed: true },
    ]);
  });

  it('an interrupted statement that fails on rerun says it may have completed and how to record it', async () => {
    await migrate(scratch().client, { folder: folder.dir });
    await startedRow('0001_type');
    await scratch().rows(`create type mood as enum ('ok')`);
    folder.write('0001_type', `${NO_TRANSACTION_MARKER}\ncreate type mood as enum ('ok');`);
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).kept).toContain('An earlier run of this file was interrupted');
    const set = (await scratch().rows<{ s: string }>('select migration_set as s from org_migrations limit 1'))[0]!.s;
    expect((error as Error).message).toContain(`update "public"."org_migrations" set completed = true where migration_set = '${set}' and name = '0001_type'`);
    expect(await journal()).toContainEqual({ name: '0001_type', completed: false });
  });
});
