// Seeds 003 (wizard app) and 004 (claude_code) through `org-migrate adopt` as a team runs it: a separate
// process on its database (a PostgreSQL URL, or a PGlite data directory), exit codes and output as the
// README promises, the team's manual step pasted into the bridge between the two runs, then
// `check --drift`. The programmatic tests (seedAdoption.wizard/claudeCode) account for every row; this
// one proves the command line takes the same path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
import { runCli } from './support/runCli.ts';
import { orgFolder, seedFixture, withManualStep } from './support/seedAdoption.ts';

const TEAMS = [
  {
    seed: '003_wizard',
    review: ['review: public.wizard_submissions.completed_steps: PostgreSQL has no cast from jsonb to text[]'],
    moved: `select (select count(*) from analytics_events)::int as moved, (select count(*) from events_before_org)::int as kept`,
    expected: { moved: 6, kept: 6 },
  },
  {
    seed: '004_claude_code',
    review: ['review: index name idx_users_email is taken by an index on public.claude_code_users'],
    moved: `select (select count(*) from users where auth_provider = 'claude_code')::int as moved, (select count(*) from claude_code_users_before_org)::int as kept`,
    expected: { moved: 7, kept: 7 },
  },
];

describe.each(engines)('org-migrate adopt on the seed teams databases, on %s', (engine) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  /** The team's database: the CLI's target flags, and a way to query it between CLI runs. */
  async function teamDatabase(sql: string) {
    if (engine === 'postgres') {
      const database = await createPostgresDatabase('seed_cli');
      cleanups.push(() => database.drop());
      const query = async (text: string) => {
        const client = connect(database.url, { max: 1 });
        try {
          return [...(await client.unsafe(text).simple())].flat() as Array<Record<string, unknown>>;
        } finally {
          await client.end();
        }
      };
      await query(sql);
      return { target: ['--url', database.url], query };
    }
    const dir = mkdtempSync(join(tmpdir(), 'org-migrate-seed-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const query = async (text: string) => {
      const db = new PGlite(dir);
      try {
        return (await db.exec(text)).flatMap((r) => r.rows) as Array<Record<string, unknown>>;
      } finally {
        await db.close();
      }
    };
    await query(sql);
    return { target: ['--pglite', dir], query };
  }

  it.each(TEAMS)(
    '$seed: adopt writes a bridge (exit 1), with the manual step adopt bridges (exit 0), check --drift passes',
    async ({ seed, review, moved, expected }) => {
      const folder = orgFolder();
      cleanups.push(() => folder.remove());
      const db = await teamDatabase(`${seedFixture(`${seed}.sql`)}\n${seedFixture(`${seed}.rows.sql`)}`);
      const dir = ['--dir', folder.dir];

      const first = await runCli(['adopt', ...db.target, ...dir]);
      expect(first.code).toBe(1);
      for (const note of review) expect(first.stderr).toContain(note);
      const bridgeFile = /wrote (\S+_adopt_bridge\.sql): nothing was recorded/.exec(first.stdout)?.[1];
      expect(bridgeFile).toBeDefined();
      writeFileSync(bridgeFile!, withManualStep(readFileSync(bridgeFile!, 'utf8'), seedFixture(`${seed}.manual.sql`)));

      const second = await runCli(['adopt', ...db.target, ...dir]);
      expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
      expect(second.stdout).toContain('bridged: ran');
      expect(await db.query(moved)).toEqual([expected]);

      const check = await runCli(['check', '--drift', ...db.target, ...dir]);
      expect(check.code).toBe(0);
      expect(check.stdout).toContain('no drift');
    },
    240_000,
  );
});
