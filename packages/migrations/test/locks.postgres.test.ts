import type { Sql } from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase } from '../../../tooling/testEngines.ts';
import { MigrationFailedError, MigrationLockTimeoutError, migrate } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';

// Lock contention needs a second session, which only a server has.
describe.runIf(process.env.TEST_DATABASE_URL)('lock safety on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let sql: Sql;
  let other: Sql;
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(async () => {
    database = await createPostgresDatabase('locks');
    sql = connect(database.url, { max: 1 });
    other = connect(database.url, { max: 1 });
    folder = migrationFolder({ '0000_widgets': 'create table widgets (id int primary key);' });
    await migrate(sql, { folder: folder.dir });
  });
  afterEach(async () => {
    await sql.end();
    await other.end();
    folder.remove();
    await database.drop();
  });

  it('DDL waiting on a busy table fails fast with lock_timeout and leaves the journal unchanged', async () => {
    folder.write('0001_alter', 'alter table widgets add column size int;');
    const holder = await other.reserve();
    await holder`begin`;
    await holder`lock table widgets in access share mode`;
    const started = Date.now();
    const error = await migrate(sql, { folder: folder.dir, ddlLockTimeoutMs: 300 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    await holder`rollback`;
    holder.release();

    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).sqlState).toBe('55P03');
    expect(elapsed).toBeLessThan(5_000);
    expect((await sql`select name from org_migrations`).map((r) => r.name)).toEqual(['0000_widgets']);

    const retry = await migrate(sql, { folder: folder.dir, ddlLockTimeoutMs: 300 });
    expect(retry.applied.map((m) => m.name)).toEqual(['0001_alter']);
  });

  it('a runner waiting on another runner times out with a clear error', async () => {
    const holder = await other.reserve();
    await holder`select pg_advisory_lock(hashtextextended(${'org-migrate:"public"."org_migrations"'}, 0))`;
    folder.write('0001_more', 'create table more (id int);');
    const error = await migrate(sql, { folder: folder.dir, lockWaitTimeoutMs: 400, lockPollMs: 50 }).catch((e: unknown) => e);
    await holder`select pg_advisory_unlock_all()`;
    holder.release();
    expect(error).toBeInstanceOf(MigrationLockTimeoutError);
    expect((error as Error).message).toMatch(/another migration run held the lock/);
    expect((await migrate(sql, { folder: folder.dir })).applied.map((m) => m.name)).toEqual(['0001_more']);
  });
});
