import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PgliteDataDirLockedError, lockPgliteDataDir } from '../src/index.ts';

const holderScript = fileURLToPath(new URL('./support/lockHolder.ts', import.meta.url));

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'org-pglite-lock-'));
  dataDir = join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A child process trying the lock; `result` is its first line, `send` writes to its stdin. */
function holder(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    result: lines.next().then((r) => JSON.parse(r.value as string) as { locked: boolean; pid: number; refused?: boolean }),
    send: (line: string) => child.stdin.write(`${line}\n`),
  };
}

/** The pid of a process that has exited (and so runs no more). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

function writeLock(content: object | string) {
  writeFileSync(`${dataDir}.lock`, typeof content === 'string' ? content : JSON.stringify(content));
}

it('refuses a second lock on one directory, however it is spelled, naming the holder', () => {
  const lock = lockPgliteDataDir(dataDir)!;
  try {
    const error = (() => {
      try {
        lockPgliteDataDir(`file://${root}/./other/../data`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PgliteDataDirLockedError);
    expect((error as PgliteDataDirLockedError).holder).toMatchObject({ pid: process.pid, hostname: hostname() });
  } finally {
    lock.release();
  }
  expect(existsSync(lock.path)).toBe(false);
  lockPgliteDataDir(dataDir)!.release();
});

it('takes no lock for an in-memory database', () => {
  expect(lockPgliteDataDir('memory://')).toBeUndefined();
});

it('release is idempotent and never removes a lock it does not hold', () => {
  const lock = lockPgliteDataDir(dataDir)!;
  lock.release();
  const next = lockPgliteDataDir(dataDir)!;
  lock.release();
  expect(existsSync(next.path)).toBe(true);
  expect(() => lockPgliteDataDir(dataDir)).toThrow(PgliteDataDirLockedError);
  next.release();
});

it('takes over a lock whose pid no longer runs on this host', () => {
  writeLock({ pid: deadPid(), hostname: hostname(), since: new Date(0).toISOString(), nonce: 'dead' });
  const lock = lockPgliteDataDir(dataDir)!;
  expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
  lock.release();
});

it('refuses a lock held on another host, and an unreadable lock file', () => {
  writeLock({ pid: deadPid(), hostname: `not-${hostname()}`, since: new Date(0).toISOString(), nonce: 'x' });
  expect(() => lockPgliteDataDir(dataDir)).toThrow(PgliteDataDirLockedError);
  writeLock('');
  expect(() => lockPgliteDataDir(dataDir)).toThrow(PgliteDataDirLockedError);
});

it('another live process holding the lock refuses us; its normal exit releases it', async () => {
  const other = holder(dataDir);
  expect(await other.result).toMatchObject({ locked: true });
  expect(() => lockPgliteDataDir(dataDir)).toThrow(PgliteDataDirLockedError);
  other.send('exit');
  expect(await other.exited).toBe(0);
  expect(existsSync(`${dataDir}.lock`)).toBe(false);
});

it('a holder killed with SIGKILL leaves a lock the next opener takes over', async () => {
  const other = holder(dataDir);
  expect(await other.result).toMatchObject({ locked: true });
  other.child.kill('SIGKILL');
  await other.exited;
  expect(existsSync(`${dataDir}.lock`)).toBe(true);
  lockPgliteDataDir(dataDir)!.release();
});

it("of several processes racing for one dead holder's lock, exactly one wins", async () => {
  writeLock({ pid: deadPid(), hostname: hostname(), since: new Date(0).toISOString(), nonce: 'dead' });
  const racers = Array.from({ length: 4 }, () => holder(dataDir));
  const results = await Promise.all(racers.map((r) => r.result));
  for (const r of racers) r.child.stdin.end();
  await Promise.all(racers.map((r) => r.exited));
  expect(results.filter((r) => r.locked)).toHaveLength(1);
  expect(results.filter((r) => !r.locked).every((r) => r.refused)).toBe(true);
}, 60_000);
