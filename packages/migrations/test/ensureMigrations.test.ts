import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connect, createPostgresDatabase, engines } from '../../../tooling/testEngines.ts';
import { ensureMigrations, MigrationFailedError } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const FILES = {
  '0000_a': 'create table a (id int primary key);',
  '0001_b': 'create table b (id int references a);',
  '0002_c': 'create table c (id int);',
};

describe.each(engines)('ensureMigrations on one %s client', (engine) => {
  const scratch = scratchSuite(engine);

  it('20 concurrent callers share one run and get the same report; later calls do not touch the database', async () => {
    const folder = migrationFolder(FILES);
    try {
      const client = scratch().client;
      const results = await Promise.all(Array.from({ length: 20 }, () => ensureMigrations(client, { folder: folder.dir })));
      expect(new Set(results).size).toBe(1);
      expect(results[0]!.applied.map((m) => m.name)).toEqual(Object.keys(FILES));
      const journal = await scratch().rows<{ name: string }>('select name from org_migrations order by name');
      expect(journal.map((r) => r.name)).toEqual(Object.keys(FILES));
      // Cached: with the journal gone, a later call still answers from memory instead of migrating again.
      await scratch().rows('drop table org_migrations');
      expect(await ensureMigrations(client, { folder: folder.dir })).toBe(results[0]);
      // Another configuration (another folder) is another run.
      const second = migrationFolder({ '0000_d': 'create table d (id int);' });
      try {
        const other = await ensureMigrations(client, { folder: second.dir });
        expect(other.applied.map((m) => m.name)).toEqual(['0000_d']);
      } finally {
        second.remove();
      }
    } finally {
      folder.remove();
    }
  });

  it('does not cache a failure: every waiting caller gets it, and the next call retries', async () => {
    const folder = migrationFolder({ '0000_a': 'create table a (id int);', '0001_bad': 'create table b (id nosuchtype);' });
    try {
      const client = scratch().client;
      const failed = await Promise.allSettled(Array.from({ length: 20 }, () => ensureMigrations(client, { folder: folder.dir })));
      expect(failed.every((r) => r.status === 'rejected' && r.reason instanceof MigrationFailedError)).toBe(true);
      expect(new Set(failed.map((r) => (r as PromiseRejectedResult).reason)).size).toBe(1);
      folder.write('0001_bad', 'create table b (id int);');
      const retried = await ensureMigrations(client, { folder: folder.dir });
      expect(retried.applied.map((m) => m.name)).toEqual(['0001_bad']);
      expect(retried.skipped).toEqual(['0000_a']);
    } finally {
      folder.remove();
    }
  });
});

const child = fileURLToPath(new URL('./support/ensureChild.ts', import.meta.url));
const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href;

function runChild(url: string, folder: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--import', tsx, child, url, folder]);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(process.env.TEST_DATABASE_URL)('ensureMigrations across processes on PostgreSQL', () => {
  it('two processes at once: the advisory lock lets one apply, the other finds everything applied', async () => {
    const database = await createPostgresDatabase('ensure');
    const folder = migrationFolder(FILES);
    try {
      const runs = await Promise.all([runChild(database.url, folder.dir), runChild(database.url, folder.dir)]);
      expect(runs.map((r) => [r.code, r.stderr])).toEqual([
        [0, ''],
        [0, ''],
      ]);
      const reports = runs.map((r) => JSON.parse(r.stdout) as { applied: string[]; skipped: string[] });
      const names = Object.keys(FILES);
      expect(reports.map((r) => r.applied.length + r.skipped.length)).toEqual([3, 3]);
      expect(reports.flatMap((r) => r.applied).sort()).toEqual(names);
      const sql = connect(database.url, { max: 1 });
      expect((await sql<{ name: string }[]>`select name from org_migrations order by name`).map((r) => r.name)).toEqual(names);
      await sql.end();
    } finally {
      folder.remove();
      await database.drop();
    }
  }, 120_000);
});
