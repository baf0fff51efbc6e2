import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { ConcurrentDatabaseTestError, KEPT_TEMPLATES, checkDatabasePrefix, exclusiveUse, postgresTemplate } from '../src/index.ts';
import { orgMigrationsFolder } from '@org/migrations';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('fixture hygiene', () => {
  it('refuses a second concurrent holder of one file transaction, and frees it afterwards', async () => {
    const fileDb = {};
    let release!: () => void;
    const first = exclusiveUse(fileDb, () => new Promise<void>((resolve) => (release = resolve)));
    await expect(exclusiveUse(fileDb, async () => 'second')).rejects.toBeInstanceOf(ConcurrentDatabaseTestError);
    release();
    await first;
    expect(await exclusiveUse(fileDb, async () => 'after')).toBe('after');
  });

  it('accepts only identifier-safe database prefixes', () => {
    expect(checkDatabasePrefix('myapp_ci')).toBe('myapp_ci');
    for (const bad of ['', 'MyApp', '1app', 'a"; drop database x; --', 'a'.repeat(21)]) expect(() => checkDatabasePrefix(bad)).toThrow(/prefix/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('templates on PostgreSQL', () => {
  it('names templates by prefix and keeps only the newest few of a prefix as migrations change', async () => {
    const prefix = `hyg${process.pid % 100000}`;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const templates = async () =>
      (await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}\\_tpl\\_%`} order by oid`).map((r) => r.datname);
    try {
      // Each "migration change" is a copy of the @org folder with one more comment-only migration file.
      const base = mkdtempSync(join(tmpdir(), 'org-tpl-'));
      const names: string[] = [];
      for (let change = 0; change < KEPT_TEMPLATES + 2; change++) {
        const folder = join(base, `v${change}`);
        cpSync(orgMigrationsFolder(), folder, { recursive: true });
        writeFileSync(join(folder, 'zz_marker.sql'), `-- change ${change}\n`);
        names.push(await postgresTemplate(process.env.TEST_DATABASE_URL!, folder, prefix));
      }
      expect(names.every((n) => n.startsWith(`${prefix}_tpl_`))).toBe(true);
      expect(await templates()).toEqual(names.slice(-KEPT_TEMPLATES));
    } finally {
      for (const name of await templates()) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }, 120_000);
});
