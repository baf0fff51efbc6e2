import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase } from '../../../tooling/testEngines.ts';
import { readMigrationFolder, orgMigrationsFolder } from '../src/index.ts';
import { runCli } from './support/runCli.ts';

// Concurrent sessions exist only on a server; PGlite is one session.
describe.runIf(process.env.TEST_DATABASE_URL)('concurrent runners on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeEach(async () => {
    database = await createPostgresDatabase('concurrent');
  });
  afterEach(async () => database.drop());

  it('8 runner processes started at once apply every migration exactly once, none failing', async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => runCli(['up', '--url', database.url, '--dir', orgMigrationsFolder()])));
    // Runners that queue behind the first say whom they wait for, and nothing else.
    for (const run of runs) {
      for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^waiting for the migration lock, held by pid \d+/);
    }
    expect(runs.map((r) => r.code)).toEqual(Array(8).fill(0));
    const total = readMigrationFolder(orgMigrationsFolder()).length;
    const appliers = runs.filter((r) => r.stdout.includes(`applied ${total} migration(s)`));
    expect(appliers).toHaveLength(1);
    expect(runs.filter((r) => r.stdout.includes('nothing to apply'))).toHaveLength(7);

    const sql = connect(database.url);
    const journal = await sql<{ name: string }[]>`select name from org_migrations order by name`;
    expect(journal.map((r) => r.name)).toEqual(readMigrationFolder(orgMigrationsFolder()).map((f) => f.name));
    await sql.end();
  }, 120_000);
});
