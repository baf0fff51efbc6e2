import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runCli } from './support/runCli.ts';

describe.each(engines)('org-migrate lint and check on %s', (engine) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  async function target(): Promise<string[]> {
    if (engine === 'postgres') {
      const database = await createPostgresDatabase('lint');
      cleanups.push(() => database.drop());
      return ['--url', database.url];
    }
    const dir = mkdtempSync(join(tmpdir(), 'org-migrate-lint-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return ['--pglite', join(dir, 'data')];
  }

  it('lints only unapplied files; check fails on a finding; the opt-out comment clears it', async () => {
    const db = await target();
    // Applied before lint runs: dropping a table here is history, not flagged.
    const folder = migrationFolder({
      '0000_items': 'create table items (id int, code text);\n--> statement-breakpoint\ncreate table old (id int);\n--> statement-breakpoint\ndrop table old;',
    });
    cleanups.push(() => folder.remove());
    expect((await runCli(['up', ...db, '--dir', folder.dir])).code).toBe(0);
    folder.write('0001_drop_code', 'alter table items add column sku text;\nalter table items drop column code;');

    const lint = await runCli(['lint', ...db, '--dir', folder.dir]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('0001_drop_code.sql:2 drop-column: dropping a column deletes its data');
    expect(lint.stdout).toContain('instead: stop using the column in code');
    expect(lint.stdout).toContain('-- org-migrate:allow drop-column');
    expect(lint.stdout).not.toContain('0000_items');

    const check = await runCli(['check', ...db, '--dir', folder.dir]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('0001_drop_code.sql:2 drop-column');

    folder.write(
      '0001_drop_code',
      'alter table items add column sku text;\n-- org-migrate:allow drop-column: code moved to sku in release 41\nalter table items drop column code;',
    );
    const allowed = await runCli(['lint', ...db, '--dir', folder.dir]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('lint: nothing flagged in 1 unapplied migration(s)');
    expect((await runCli(['up', ...db, '--dir', folder.dir])).code).toBe(0);
    expect((await runCli(['check', ...db, '--dir', folder.dir])).code).toBe(0);
  }, 90_000);
});

describe('org-migrate lint without a database', () => {
  it('lints each file as if the files before it had run', async () => {
    const folder = migrationFolder({
      '0000_items': 'create table items (id int);',
      '0001_index': 'create index items_id_idx on items (id);',
    });
    try {
      const run = await runCli(['lint', '--dir', folder.dir], { DATABASE_URL: '' });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('0001_index.sql:1 index-not-concurrent');
      expect(run.stdout).not.toContain('0000_items');
    } finally {
      folder.remove();
    }
  });
});
