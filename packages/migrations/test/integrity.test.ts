import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { MigrationChecksumMismatchError, MigrationOutOfOrderError, migrate, migrationStatus } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';

describe.each(engines)('checksums and ordering on %s', (engine) => {
  const scratch = scratchSuite(engine);
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(async () => {
    folder = migrationFolder({
      '0000_a': 'create table a (id int);',
      '0002_c': 'create table c (id int);',
    });
    await migrate(scratch().client, { folder: folder.dir });
  });
  afterEach(() => folder.remove());

  it('refuses an edited applied migration, naming the file, and applies nothing', async () => {
    folder.write('0000_a', 'create table a (id bigint);');
    folder.write('0003_d', 'create table d (id int);');
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
    expect((error as MigrationChecksumMismatchError).names).toEqual(['0000_a']);
    expect((error as Error).message).toContain('0000_a.sql');
    expect(await scratch().rows(`select to_regclass('d')::text as t`)).toEqual([{ t: null }]);
    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.map((m) => [m.name, m.state])).toEqual([
      ['0000_a', 'changed'],
      ['0002_c', 'applied'],
      ['0003_d', 'pending'],
    ]);
  });

  it('reports an older unapplied migration and applies it only when allowed', async () => {
    folder.write('0001_b', 'create table b (id int);');
    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.find((m) => m.name === '0001_b')?.state).toBe('out-of-order');
    expect(status.upToDate).toBe(false);

    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationOutOfOrderError);
    expect((error as MigrationOutOfOrderError).names).toEqual(['0001_b']);
    expect(await scratch().rows(`select to_regclass('b')::text as t`)).toEqual([{ t: null }]);

    const allowed = await migrate(scratch().client, { folder: folder.dir, allowOutOfOrder: true });
    expect(allowed.applied.map((m) => m.name)).toEqual(['0001_b']);
    expect((await migrationStatus(scratch().client, { folder: folder.dir })).upToDate).toBe(true);
  });

  it('reports an applied migration whose file is gone as missing', async () => {
    rmSync(join(folder.dir, '0002_c.sql'));
    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.map((m) => [m.name, m.state])).toEqual([
      ['0000_a', 'applied'],
      ['0002_c', 'missing'],
    ]);
  });
});
