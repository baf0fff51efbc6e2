import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
import { runCli } from './support/runCli.ts';
import { migrationFolder } from './support/migrationFolder.ts';

describe.each(engines)('org-migrate CLI on %s', (engine) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function target(): Promise<string[]> {
    if (engine === 'postgres') {
      const database = await createPostgresDatabase('cli');
      cleanups.push(() => database.drop());
      return ['--url', database.url];
    }
    const dir = mkdtempSync(join(tmpdir(), 'org-migrate-pglite-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return ['--pglite', dir];
  }

  it('check fails while pending, up applies, then check passes and status shows a table', async () => {
    const db = await target();
    const folder = migrationFolder({ '0000_a': 'create table a (id int);', '0001_b': 'create table b (id int);' });
    cleanups.push(() => folder.remove());

    const before = await runCli(['check', ...db, '--dir', folder.dir]);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/0001_b\s+pending/);
    expect(before.stderr).toContain('run `org-migrate up`');

    const up = await runCli(['up', ...db, '--dir', folder.dir]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('applied 2 migration(s)');

    const after = await runCli(['check', ...db, '--dir', folder.dir]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/migration\s+state\s+applied at\s+took/);
    expect(after.stdout).toContain('2 applied, 0 pending');
  }, 60_000);

  it('exits 3 with the runner\'s advice when an applied file was edited', async () => {
    const db = await target();
    const folder = migrationFolder({ '0000_a': 'create table a (id int);' });
    cleanups.push(() => folder.remove());
    expect((await runCli(['up', ...db, '--dir', folder.dir])).code).toBe(0);
    folder.write('0000_a', 'create table a (id bigint);');
    const up = await runCli(['up', ...db, '--dir', folder.dir]);
    expect(up.code).toBe(3);
    expect(up.stderr).toContain('0000_a.sql');
    expect(up.stderr).toContain('put the change in a new migration');
  }, 60_000);
});

describe('org-migrate CLI usage', () => {
  it('exits 2 and says what to do without a database', async () => {
    const run = await runCli(['status'], { DATABASE_URL: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set DATABASE_URL');
  });
});
