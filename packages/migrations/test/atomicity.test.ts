import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { MigrationFailedError, migrate, migrationStatus } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';

describe.each(engines)('per-file transactions on %s', (engine) => {
  const scratch = scratchSuite(engine);
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(async () => {
    folder = migrationFolder({
      '0000_widgets': 'create table widgets (id int primary key, name text not null);',
    });
  });
  afterEach(() => folder.remove());

  it('a file that fails halfway leaves no trace, and succeeds once fixed', async () => {
    folder.write(
      '0001_gadgets',
      `create table gadgets (id int primary key);
--> statement-breakpoint
insert into gadgets values (1);
--> statement-breakpoint
alter table widgets add column size int not null default 'not a number';`,
    );
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).migration).toBe('0001_gadgets');
    expect((error as Error).message).toContain('0001_gadgets.sql');

    const gadgets = await scratch().rows<{ t: string | null }>(`select to_regclass('gadgets')::text as t`);
    expect(gadgets[0]?.t).toBeNull();
    const columns = await scratch().rows(`select 1 from information_schema.columns where table_name = 'widgets' and column_name = 'size'`);
    expect(columns).toEqual([]);
    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.map((m) => [m.name, m.state])).toEqual([
      ['0000_widgets', 'applied'],
      ['0001_gadgets', 'pending'],
    ]);

    folder.write(
      '0001_gadgets',
      `create table gadgets (id int primary key);
--> statement-breakpoint
insert into gadgets values (1);
--> statement-breakpoint
alter table widgets add column size int not null default 0;`,
    );
    const rerun = await migrate(scratch().client, { folder: folder.dir });
    expect(rerun.applied.map((m) => m.name)).toEqual(['0001_gadgets']);
    expect(await scratch().rows('select id from gadgets')).toEqual([{ id: 1 }]);
  });

  it('stops at the first failing file and keeps the ones before it', async () => {
    folder.write('0001_bad', 'select * from no_such_table;');
    folder.write('0002_after', 'create table after_bad (id int);');
    await expect(migrate(scratch().client, { folder: folder.dir })).rejects.toThrow(/0001_bad\.sql failed/);
    const status = await migrationStatus(scratch().client, { folder: folder.dir });
    expect(status.migrations.map((m) => m.state)).toEqual(['applied', 'pending', 'pending']);
  });
});
