import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
import { runCli } from './support/runCli.ts';

describe.each(engines)('where org-migrate finds its folder and journal, on %s', (engine) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  /** A project directory with a drizzle folder, and a database target for it. */
  async function project(files: Record<string, string> = { '0000_init': 'create table notes (id int);' }) {
    const root = mkdtempSync(join(tmpdir(), 'org-migrate-project-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'db', 'drizzle'), { recursive: true });
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(root, 'db', 'drizzle', `${name}.sql`), sql);
    let target: string[];
    if (engine === 'postgres') {
      const database = await createPostgresDatabase('cliconfig');
      cleanups.push(() => database.drop());
      target = ['--url', database.url];
    } else {
      target = ['--pglite', join(root, 'pgdata')];
    }
    const write = (file: string, value: unknown) => writeFileSync(join(root, file), JSON.stringify(value));
    return { root, target, write };
  }

  it('refuses to run with neither --dir nor a config, saying what to do, and touches nothing', async () => {
    const p = await project();
    const run = await runCli(['up', ...p.target], {}, p.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no migrations folder: pass --dir DIR, or put { "dir": "./drizzle" } in org-migrate.config.json');
    expect(readdirSync(p.root).sort()).toEqual(['db']); // PGlite did not even create its data directory
    const status = await runCli(['status', ...p.target, '--dir', 'db/drizzle'], {}, p.root);
    expect(status.stdout).toMatch(/0000_init\s+pending/);
  }, 60_000);

  it('org-migrate.config.json gives the folder, the journal table and the set', async () => {
    const p = await project();
    p.write('org-migrate.config.json', { dir: './db/drizzle', journal: 'public.app_migrations', set: 'app' });
    const up = await runCli(['up', ...p.target], {}, p.root);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect((await runCli(['check', ...p.target], {}, p.root)).code).toBe(0);
    // Recorded in the configured journal under the configured set, not in the default journal.
    const elsewhere = await runCli(['status', ...p.target, '--journal', 'public.org_migrations'], {}, p.root);
    expect(elsewhere.stdout).toMatch(/0000_init\s+pending/);
    // The same files under another set name: said plainly, not applied a second time.
    const otherSet = await runCli(['up', ...p.target, '--set', 'not-app'], {}, p.root);
    expect(otherSet.code).toBe(3);
    expect(otherSet.stderr).toContain('journaled in "public"."app_migrations" under the set "app", not "not-app"');
  }, 60_000);

  it('an "org-migrate" field in package.json works too, and flags win over it', async () => {
    const p = await project();
    p.write('package.json', { name: 'consumer-app', 'org-migrate': { dir: 'db/drizzle' } });
    const up = await runCli(['up', ...p.target], {}, p.root);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('applied 1 migration(s)');
    mkdirSync(join(p.root, 'empty'));
    const flagged = await runCli(['status', ...p.target, '--dir', 'empty'], {}, p.root);
    expect(flagged.stdout).not.toContain('0000_init  ');
    expect(flagged.stdout).toContain('0 applied, 0 pending');
  }, 60_000);

  it.each([
    [{ dri: './db/drizzle' }, 'org-migrate.config.json: unknown key "dri" (known: dir, journal, set, schema)'],
    [{ dir: 7 }, 'org-migrate.config.json: "dir" must be a non-empty string'],
    [{ dir: './db/drizzle', journal: 'public.x; drop table y' }, 'the journal is schema.table or table'],
  ])(
    'a malformed config %j is a usage error naming the file',
    async (config, message) => {
      const p = await project();
      p.write('org-migrate.config.json', config);
      const run = await runCli(['up', ...p.target], {}, p.root);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    },
    60_000,
  );
});
