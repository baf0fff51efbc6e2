import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

describe('org-migrate create', () => {
  it('generates a migration with drizzle-kit, and an empty non-transactional one on request', async () => {
    // drizzle-kit loads the config and schema with the package's modules, so they live inside it.
    const pkg = fileURLToPath(new URL('..', import.meta.url));
    const work = mkdtempSync(join(pkg, '.create-'));
    try {
      const out = join(work, 'drizzle');
      const config = join(work, 'drizzle.config.ts');
      writeFileSync(join(work, 'schema.ts'), "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\nexport const notes = pgTable('notes', { id: uuid('id').primaryKey(), body: text('body').notNull() });\n");
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
