import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase } from '../../../tooling/testEngines.ts';
import { NO_TRANSACTION_MARKER } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runCli } from './support/runCli.ts';
import { waitFor } from './support/waitFor.ts';

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function startRunner(url: string, dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'up', '--url', url, '--dir', dir], { stdio: 'pipe' });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return { child, out, exited };
}

// A runner killed mid-migration: only a server outlives its client.
describe.runIf(process.env.TEST_DATABASE_URL)('a runner killed with SIGKILL mid-migration (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeEach(async () => {
    database = await createPostgresDatabase('sigkill');
  });
  afterEach(async () => database.drop());

  it('leaves the journal consistent and a rerun applies everything once', async () => {
    const folder = migrationFolder({
      '0000_first': 'create table first (id int);',
      '0001_slow': 'create table slow (id int);\n--> statement-breakpoint\nselect pg_sleep(2);\n--> statement-breakpoint\ncreate table after_sleep (id int);',
    });
    try {
      const runner = startRunner(database.url, folder.dir);
      // Kill it while 0001_slow is inside pg_sleep.
      const sql = connect(database.url);
      await waitFor('the runner to sleep inside 0001_slow', async () => {
        const rows =
          await sql`select 1 from pg_stat_activity where datname = current_database() and query like 'create table slow%pg_sleep%' and state = 'active'`;
        return rows.length > 0 ? true : undefined;
      });
      runner.child.kill('SIGKILL');
      await runner.exited;

      expect((await sql`select name from org_migrations order by name`).map((r) => r.name)).toEqual(['0000_first']);

      // The rerun waits for the dead runner's session to end (its lock goes with it), then applies the rest.
      const rerun = await runCli(['up', '--url', database.url, '--dir', folder.dir]);
      expect(rerun.code).toBe(0);
      expect((await sql`select name from org_migrations order by name`).map((r) => r.name)).toEqual(['0000_first', '0001_slow']);
      expect(await sql`select to_regclass('after_sleep')::text as t`).toEqual([{ t: 'after_sleep' }]);
      await sql.end();
    } finally {
      folder.remove();
    }
  }, 60_000);

  it('killed during CREATE INDEX CONCURRENTLY: the journal says interrupted and a rerun rebuilds the index', async () => {
    const folder = migrationFolder({
      '0000_items': "create table items (id int primary key, code text);\n--> statement-breakpoint\ninsert into items values (1, 'a');",
    });
    const sql = connect(database.url, { max: 2 });
    try {
      expect((await runCli(['up', '--url', database.url, '--dir', folder.dir])).code).toBe(0);
      folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently items_code_idx on items (code);`);
      // An open writer makes the concurrent build wait after it has created its (still INVALID) index.
      const writer = await sql.reserve();
      await writer`begin`;
      await writer`insert into items values (2, 'b')`;

      const runner = startRunner(database.url, folder.dir);
      const [orphan] = await waitFor('the concurrent build to wait on the open writer', async () => {
        const rows = await sql<{ pid: number }[]>`
          select pid from pg_stat_activity
          where datname = current_database() and query like '%create index concurrently items_code_idx%' and wait_event_type = 'Lock'`;
        return rows.length > 0 ? rows : undefined;
      });
      runner.child.kill('SIGKILL');
      await runner.exited;
      // The backend of the dead runner is ended, as PostgreSQL does once it notices the vanished client.
      await sql`select pg_terminate_backend(${orphan!.pid})`;
      await waitFor('the orphaned backend to end', async () =>
        (await sql`select 1 from pg_stat_activity where pid = ${orphan!.pid}`).length === 0 ? true : undefined,
      );
      await writer`rollback`;
      writer.release();

      expect(await sql`select indisvalid from pg_index where indexrelid = to_regclass('items_code_idx')`).toEqual([{ indisvalid: false }]);
      expect(await sql`select name, completed from org_migrations order by name`).toEqual([
        { name: '0000_items', completed: true },
        { name: '0001_index', completed: false },
      ]);
      const status = await runCli(['status', '--url', database.url, '--dir', folder.dir]);
      expect(status.stdout).toMatch(/0001_index\s+interrupted/);

      const rerun = await runCli(['up', '--url', database.url, '--dir', folder.dir]);
      expect(rerun.code).toBe(0);
      expect(await sql`select indisvalid from pg_index where indexrelid = to_regclass('items_code_idx')`).toEqual([{ indisvalid: true }]);
      expect(await sql`select name, completed from org_migrations order by name`).toEqual([
        { name: '0000_items', completed: true },
        { name: '0001_index', completed: true },
      ]);
    } finally {
      await sql.end();
      folder.remove();
    }
  }, 60_000);
});
