import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { migrate, migrationStatus, readMigrationFolder, orgMigrationsFolder } from '../src/index.ts';

describe.each(engines)('org migrations on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it('applies everything to a fresh database, then nothing', async () => {
    const files = readMigrationFolder(orgMigrationsFolder());
    const first = await migrate(scratch().client, { folder: orgMigrationsFolder() });
    expect(first.applied.map((m) => m.name)).toEqual(files.map((f) => f.name));
    expect(first.applied.every((m) => m.durationMs >= 0)).toBe(true);
    expect(first.skipped).toEqual([]);

    const status = await migrationStatus(scratch().client, { folder: orgMigrationsFolder() });
    expect(status.upToDate).toBe(true);
    expect(status.counts.pending).toBe(0);
    expect(status.migrations.every((m) => m.appliedAt instanceof Date)).toBe(true);

    const second = await migrate(scratch().client, { folder: orgMigrationsFolder() });
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(files.map((f) => f.name));
    const tables = await scratch().rows<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name <> 'org_migrations'`,
    );
    expect(tables[0]?.n).toBe(19);
  });

  it('status on an untouched database lists everything pending and creates nothing', async () => {
    const status = await migrationStatus(scratch().client, { folder: orgMigrationsFolder() });
    expect(status.upToDate).toBe(false);
    expect(status.counts.pending).toBe(status.migrations.length);
    const journal = await scratch().rows<{ t: string | null }>(`select to_regclass('public.org_migrations')::text as t`);
    expect(journal[0]?.t).toBeNull();
  });

  it('installs the updated_at trigger on every table that has updated_at', async () => {
    await migrate(scratch().client, { folder: orgMigrationsFolder() });
    const missing = await scratch().rows<{ table_name: string }>(`
      select c.table_name from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'updated_at'
        and not exists (
          select 1 from pg_trigger t join pg_class r on r.oid = t.tgrelid
          where r.relname = c.table_name and t.tgname = c.table_name || '_set_updated_at')`);
    expect(missing).toEqual([]);

    const [user] = await scratch().rows<{ id: string; updated_at: Date }>(`insert into users (email) values ('raw@example.com') returning id, updated_at`);
    const [after] = await scratch().rows<{ updated_at: Date }>(`update users set name = 'Raw' where id = $1 returning updated_at`, [user!.id]);
    expect(new Date(after!.updated_at).getTime()).toBeGreaterThan(new Date(user!.updated_at).getTime());
    const explicit = new Date('2030-01-01T00:00:00Z');
    const [kept] = await scratch().rows<{ updated_at: Date }>(`update users set updated_at = $2 where id = $1 returning updated_at`, [
      user!.id,
      explicit.toISOString(),
    ]);
    expect(new Date(kept!.updated_at).toISOString()).toBe(explicit.toISOString());
  });
});
