import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase } from '../../../tooling/testEngines.ts';
import { MigrationLockTimeoutError, migrate, type MigrationProgressEvent } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { waitFor } from './support/waitFor.ts';

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const LOCK_KEY = 'org-migrate:"public"."org_migrations"';

// Orphaned backends and lock holders exist only on a server.
describe.runIf(process.env.TEST_DATABASE_URL)('orphaned work of a killed runner (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let sql: Sql;
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(async () => {
    database = await createPostgresDatabase('orphan');
    sql = connect(database.url, { max: 1 });
    folder = migrationFolder();
  });
  afterEach(async () => {
    await sql.end();
    folder.remove();
    await database.drop();
  });

  it('the migration session checks for a vanished client, and the pooled connection gets the setting back', async () => {
    folder.write('0000_seen', `create table seen as select current_setting('client_connection_check_interval') as v;`);
    await migrate(sql, { folder: folder.dir });
    expect(await sql`select v from seen`).toEqual([{ v: '1s' }]);
    // max: 1, so this is the connection the run reserved.
    expect(await sql`show client_connection_check_interval`).toEqual([{ client_connection_check_interval: '0' }]);
  });

  it("a SIGKILLed runner's backend ends by itself and releases the lock instead of running on", async () => {
    folder.write('0000_long', 'select pg_sleep(600);');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'up', '--url', database.url, '--dir', folder.dir], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const [orphan] = await waitFor('the runner to sleep inside 0000_long', async () => {
      const rows = await sql<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = current_database() and query like '%pg_sleep(600)%' and state = 'active' and pid <> pg_backend_pid()`;
      return rows.length > 0 ? rows : undefined;
    });
    child.kill('SIGKILL');
    await exited;
    // Without client_connection_check_interval the backend would sleep on for ten minutes, holding the lock.
    await waitFor('the orphaned backend to end', async () =>
      (await sql`select 1 from pg_stat_activity where pid = ${orphan!.pid}`).length === 0 ? true : undefined,
    );
    expect(await sql`select pg_try_advisory_lock(hashtextextended(${LOCK_KEY}, 0)) as locked`).toEqual([{ locked: true }]);
    await sql`select pg_advisory_unlock_all()`;
  }, 60_000);

  it('a run that must wait for the lock reports who holds it, and times out naming it', async () => {
    const holderSql = connect(database.url, { max: 1, connection: { application_name: 'stuck-runner' } });
    try {
      const [held] = await holderSql<{ pid: number }[]>`select pg_backend_pid() as pid, pg_advisory_lock(hashtextextended(${LOCK_KEY}, 0))`;
      folder.write('0000_a', 'create table a (id int);');
      const events: MigrationProgressEvent[] = [];
      const error = await migrate(sql, {
        folder: folder.dir,
        lockWaitTimeoutMs: 300,
        lockPollMs: 50,
        onProgress: (e) => events.push(e),
      }).catch((e: unknown) => e);

      expect(events).toEqual([
        {
          type: 'lock-wait',
          holder: { pid: held!.pid, applicationName: 'stuck-runner', state: 'idle', queryStart: expect.any(Date), backendStart: expect.any(Date) },
        },
      ]);
      expect(error).toBeInstanceOf(MigrationLockTimeoutError);
      expect((error as MigrationLockTimeoutError).holder?.pid).toBe(held!.pid);
      expect((error as Error).message).toContain(`pid ${held!.pid} (application "stuck-runner", state idle`);
      expect((error as Error).message).toContain(`select pg_terminate_backend(${held!.pid})`);
    } finally {
      await holderSql.end();
    }
  });
});
