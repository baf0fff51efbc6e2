import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
import { ADOPT_FIXTURE_SQL, adoptFixtureFolder } from './support/adoptFixture.ts';
import { runCli } from './support/runCli.ts';

describe.each(engines)('org-migrate adopt and check --drift on %s', (engine) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  /** A database built by another tool: the target flags, and a way to run SQL on it between CLI runs. */
  async function legacyDatabase(sql: string) {
    if (engine === 'postgres') {
      const database = await createPostgresDatabase('adopt_cli');
      cleanups.push(() => database.drop());
      const run = async (text: string) => {
        const client = connect(database.url, { max: 1 });
        await client.unsafe(text).simple();
        await client.end();
      };
      await run(sql);
      return { target: ['--url', database.url], run };
    }
    const dir = mkdtempSync(join(tmpdir(), 'org-migrate-adopt-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const run = async (text: string) => {
      const db = new PGlite(dir);
      await db.exec(text);
      await db.close();
    };
    await run(sql);
    return { target: ['--pglite', dir], run };
  }

  it('adopt writes a bridge (exit 1), adopt again applies it (exit 0), check --drift passes, then catches a manual alter', async () => {
    const folder = adoptFixtureFolder();
    cleanups.push(() => folder.remove());
    const db = await legacyDatabase(`${ADOPT_FIXTURE_SQL};
      alter table users add column legacy_plan text default 'free';
      create table search_results (id serial primary key, url text);
      insert into search_results (url) values ('https://example.com');
      drop index projects_live_idx;`);
    const dir = ['--dir', folder.dir];

    const first = await runCli(['adopt', ...db.target, ...dir]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('- column public.users.legacy_plan (empty; kept; pass --allow-drop to drop)');
    expect(first.stdout).toContain('- table public.search_results (holds data; kept; pass --allow-drop to drop)');
    expect(first.stdout).toContain('+ index public.projects.projects_live_idx (the migrations make it; the database lacks it)');
    expect(first.stdout).toContain(`wrote ${folder.dir}/0002_adopt_bridge.sql: nothing was recorded`);
    expect(first.stdout).toMatch(/^\s+org-migrate adopt .*--dir/m);
    expect(readdirSync(folder.dir).filter((f) => f.endsWith('.sql'))).toHaveLength(3);

    const second = await runCli(['adopt', ...db.target, ...dir]);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('bridged: ran');

    const check = await runCli(['check', '--drift', ...db.target, ...dir]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('3 applied, 0 pending');
    expect(check.stdout).toContain('no drift: the schema is what the 3 applied migration(s) produce');

    await db.run('alter table projects alter column title drop not null');
    const drifted = await runCli(['check', '--drift', ...db.target, ...dir]);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('~ column public.projects.title\n    not null: expected true, database has false');
    // Without --drift, check looks at the journal only.
    expect((await runCli(['check', ...db.target, ...dir])).code).toBe(0);
  }, 180_000);

  it('adopt on an identical database records everything and exits 0', async () => {
    const folder = adoptFixtureFolder();
    cleanups.push(() => folder.remove());
    const db = await legacyDatabase(ADOPT_FIXTURE_SQL);
    const adopt = await runCli(['adopt', ...db.target, '--dir', folder.dir]);
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toContain('adopted: the database is what the migrations produce; recorded 2 migration(s)');
    const check = await runCli(['check', '--drift', ...db.target, '--dir', folder.dir]);
    expect(check.code).toBe(0);
  }, 120_000);
});

describe('org-migrate adopt usage', () => {
  it.each([
    [['up', '--drift'], '--drift goes with check'],
    [['check', '--allow-drop'], '--allow-drop goes with adopt'],
  ])('%j is a usage error', async (args, message) => {
    const run = await runCli([...args, '--dir', '.'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
