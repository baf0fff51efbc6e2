import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
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
    expect(before.stderr).toContain('run `org-migrate up ');

    const up = await runCli(['up', ...db, '--dir', folder.dir]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('applied 2 migration(s)');

    const after = await runCli(['check', ...db, '--dir', folder.dir]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/migration\s+state\s+applied at\s+took/);
    expect(after.stdout).toContain('2 applied, 0 pending');
  }, 60_000);

  it("exits 3 with the runner's advice when an applied file was edited", async () => {
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

  it('up refuses when an applied file was deleted from the folder, and says so', async () => {
    const db = await target();
    const folder = migrationFolder({ '0000_a': 'create table a (id int);', '0001_b': 'create table b (id int);' });
    cleanups.push(() => folder.remove());
    expect((await runCli(['up', ...db, '--dir', folder.dir])).code).toBe(0);
    rmSync(join(folder.dir, '0001_b.sql'));
    folder.write('0002_c', 'create table c (id int);');
    const up = await runCli(['up', ...db, '--dir', folder.dir]);
    expect(up.code).toBe(3);
    expect(up.stderr).toContain('applied migration is no longer in the folder: 0001_b.sql');
    expect(up.stdout).not.toContain('up to date');
    const check = await runCli(['check', ...db, '--dir', folder.dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/0001_b\s+missing/);
  }, 60_000);

  it('check on an out-of-order file prints an up command that works', async () => {
    const db = await target();
    const folder = migrationFolder({ '0000_a': 'create table a (id int);', '0002_c': 'create table c (id int);' });
    cleanups.push(() => folder.remove());
    expect((await runCli(['up', ...db, '--dir', folder.dir])).code).toBe(0);
    folder.write('0001_b', 'create table b (id int);');
    const check = await runCli(['check', ...db, '--dir', folder.dir]);
    expect(check.code).toBe(1);
    const command = /^\s+(org-migrate up .*)$/m.exec(check.stderr)?.[1];
    expect(command).toContain('--allow-out-of-order');
    const advised = command!
      .split(' ')
      .slice(1)
      .map((a) => (a === "'<URL>'" ? db[1]! : a));
    const up = await runCli(advised);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect((await runCli(['check', ...db, '--dir', folder.dir])).code).toBe(0);
  }, 60_000);
});

describe('org-migrate CLI usage', () => {
  it('exits 2 and says what to do without a database', async () => {
    const run = await runCli(['status', '--dir', '.'], { DATABASE_URL: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set DATABASE_URL');
  });

  it.each([
    [['up', '--lock-timeout', 'soon'], '--lock-timeout takes a whole number of milliseconds'],
    [['up', '--lock-wait=-1'], '--lock-wait takes a whole number of milliseconds'],
    [['status', '--dri', 'x'], "Unknown option '--dri'"],
    [['up', '--url'], "Option '--url <value>' argument missing"],
    [['frobnicate'], 'unknown command: frobnicate'],
    [['up', 'extra'], 'up takes no argument, got: extra'],
  ])('%j is a usage error: exit 2, the usage text, no advice about files', async (args, message) => {
    const run = await runCli(args, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Commands:');
    expect(run.stderr).not.toMatch(/fix the file/i);
  });

  it('--help lists every command and option', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['up', 'status', 'check', 'lint', 'create <name>']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const options = [
      '--url',
      '--pglite',
      '--dir',
      '--allow-out-of-order',
      '--lock-timeout',
      '--statement-timeout',
      '--lock-wait',
      '--config',
      '--custom',
      '--no-transaction',
      '--help',
    ];
    for (const option of options) expect(run.stdout).toContain(option);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('org-migrate --lock-wait on PostgreSQL', () => {
  it('waits as long as asked, reports who holds the lock, and exits 3 naming it', async () => {
    const database = await createPostgresDatabase('cli');
    const holder = connect(database.url, { max: 1, connection: { application_name: 'stuck-runner' } });
    const folder = migrationFolder({ '0000_a': 'create table a (id int);' });
    try {
      const [held] = await holder<
        { pid: number }[]
      >`select pg_backend_pid() as pid, pg_advisory_lock(hashtextextended(${'org-migrate:"public"."org_migrations"'}, 0))`;
      const run = await runCli(['up', '--url', database.url, '--dir', folder.dir, '--lock-wait', '300']);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`waiting for the migration lock, held by pid ${held!.pid} (application "stuck-runner", state idle`);
      expect(run.stderr).toMatch(/another migration run held the lock for \d+ ms/);
      expect(run.stderr).toContain(`pg_terminate_backend(${held!.pid})`);
    } finally {
      await holder.end();
      folder.remove();
      await database.drop();
    }
  }, 60_000);
});

describe('org-migrate create', () => {
  it('generates a migration with drizzle-kit, and an empty non-transactional one on request', async () => {
    // drizzle-kit loads the config and schema with the package's modules, so they live inside it.
    const pkg = fileURLToPath(new URL('..', import.meta.url));
    const work = mkdtempSync(join(pkg, '.create-'));
    try {
      const out = join(work, 'drizzle');
      const config = join(work, 'drizzle.config.ts');
      writeFileSync(
        join(work, 'schema.ts'),
        "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\nexport const notes = pgTable('notes', { id: uuid('id').primaryKey(), body: text('body').notNull() });\n",
      );
      // Relative to the package, as configs are: drizzle-kit mishandles an absolute `out` on its second run.
      const relative = `./${work.slice(pkg.length).replace(/^\//, '')}`;
      writeFileSync(config, `export default { dialect: 'postgresql', schema: '${relative}/schema.ts', out: '${relative}/drizzle' };\n`);

      const generated = await runCli(['create', 'add_notes', '--dir', out, '--config', config], {}, pkg);
      expect(generated.code).toBe(0);
      const first = readdirSync(out).find((f) => f.endsWith('_add_notes.sql'));
      expect(readFileSync(join(out, first ?? 'missing'), 'utf8')).toContain('CREATE TABLE "notes"');

      const custom = await runCli(['create', 'notes_body_index', '--no-transaction', '--dir', out, '--config', config], {}, pkg);
      expect(custom.code).toBe(0);
      const second = readdirSync(out).find((f) => f.endsWith('_notes_body_index.sql'));
      expect(readFileSync(join(out, second ?? 'missing'), 'utf8').startsWith('-- org-migrate:no-transaction\n')).toBe(true);

      const bad = await runCli(['create', 'bad name!', '--dir', out, '--config', config], {}, pkg);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toContain('letters, digits and _ only');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
