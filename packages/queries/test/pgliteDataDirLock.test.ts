// PGlite is single-writer: two processes on one data directory both "succeed" and both lose committed
// writes. createDatabase takes the directory's lock first, so a second process gets a typed error.
// Real processes, a real directory; PGlite only (a PostgreSQL server has its own postmaster lock).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionError, DataDirLockedError, createDatabase, rowsOf } from '../src/index.ts';

const script = fileURLToPath(new URL('./support/pgliteDataDirProcess.ts', import.meta.url));

/** A child process running the script; `next()` is its next JSON line. */
function child(mode: 'hold' | 'open', dataDir: string) {
  const proc = spawn(process.execPath, ['--conditions=@org/source', '--import', 'tsx', script, mode, dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    exited,
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`the ${mode} process ended without a result`);
      return JSON.parse(line.value) as Record<string, unknown>;
    },
    send: (line: string) => proc.stdin.write(`${line}\n`),
  };
}

describe.runIf(process.env.ORG_TEST_ENGINE !== 'postgres')('a PGlite data directory opened by two processes', () => {
  let root: string;
  let dataDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'org-pglite-datadir-'));
    dataDir = join(root, 'data');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses the second process with DataDirLockedError and keeps every write of the first', async () => {
    const first = child('hold', dataDir);
    expect(await first.next()).toEqual({ opened: true });
    first.send('write 50');
    expect(await first.next()).toEqual({ written: 50 });

    const second = child('open', dataDir);
    expect(await second.next()).toEqual({ opened: false, typed: true, name: 'DataDirLockedError', code: 'CONNECTION' });
    expect(await second.exited).toBe(0);

    first.send('write 50');
    expect(await first.next()).toEqual({ written: 100 });
    first.send('close');
    expect(await first.next()).toEqual({ closed: true });
    expect(await first.exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    // A crashed holder's lock (its pid runs no more) is taken over; close() releases ours.
    const dead = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: dead, hostname: hostname(), since: new Date(0).toISOString(), nonce: 'dead' }));
    const database = createDatabase({ dataDir });
    try {
      expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
      const inProcess = (() => {
        try {
          return createDatabase({ dataDir });
        } catch (error) {
          return error;
        }
      })();
      expect(inProcess).toBeInstanceOf(DataDirLockedError);
      expect(inProcess).toBeInstanceOf(ConnectionError);
      expect((inProcess as DataDirLockedError).holder?.pid).toBe(process.pid);
      const [row] = rowsOf<{ count: number | string; writers: number | string }>(
        await database.db.execute(sql`select count(*) as count, count(distinct pid) as writers from writes`),
      );
      expect({ count: Number(row!.count), writers: Number(row!.writers) }).toEqual({ count: 100, writers: 1 });
    } finally {
      await database.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 120_000);
});
