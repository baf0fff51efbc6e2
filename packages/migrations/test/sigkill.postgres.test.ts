import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase } from '../../../tooling/testEngines.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runCli } from './support/runCli.ts';

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

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
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'up', '--url', database.url, '--dir', folder.dir], { stdio: 'pipe' });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      // Kill it while 0001_slow is inside pg_sleep.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (output.includes('0001_slow')) {
            clearInterval(poll);
            setTimeout(resolve, 500);
          }
        }, 20);
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));

      const sql = connect(database.url);
      expect((await sql`select name from org_migrations order by name`).map((r) => r.name)).toEqual(['0000_first']);

      // The rerun waits for the dead runner's session to end (its lock goes with it), then applies the rest.
      const rerun = await runCli(['up', '--url', database.url, '--dir', folder.dir]);
      expect(rerun.stderr).toBe('');
      expect(rerun.code).toBe(0);
      expect((await sql`select name from org_migrations order by name`).map((r) => r.name)).toEqual(['0000_first', '0001_slow']);
      expect(await sql`select to_regclass('after_sleep')::text as t`).toEqual([{ t: 'after_sleep' }]);
      await sql.end();
    } finally {
      folder.remove();
    }
  }, 60_000);
});
