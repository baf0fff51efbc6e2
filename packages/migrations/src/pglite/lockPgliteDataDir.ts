import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { PgliteDataDirLockedError, type PgliteDataDirHolder } from './PgliteDataDirLockedError.ts';

/** A held PGlite data-directory lock. */
export interface PgliteDataDirLock {
  /** The lock file, beside the directory: `<dataDir>.lock`. */
  readonly path: string;
  /** Removes the lock file if it is still ours. Idempotent; also runs at process exit. */
  release(): void;
}

interface LockFile extends PgliteDataDirHolder {
  /** Tells this acquisition from any other, so release and takeover never remove another's lock. */
  nonce: string;
}

/**
 * The locks this process holds, by nonce: a lock file naming our pid but not one of these is a dead
 * predecessor's (pids repeat, e.g. pid 1 in a restarted container). Released together at exit.
 */
const heldHere = new Map<string, string>();
let releaseAtExit: (() => void) | undefined;

/**
 * Takes the exclusive lock of a PGlite data directory, or throws {@link PgliteDataDirLockedError}.
 * The lock is a file beside the directory (`<dataDir>.lock`, so PGlite's own directory stays as
 * PGlite wants it) holding pid, hostname, start time and a nonce, created complete in one step
 * (`link` of a written temporary file, which fails if the lock exists, like `O_EXCL`). A lock whose
 * pid no longer runs on this host is a crashed holder's and is taken over; one from another host is
 * never guessed at. Released by `release()` and at process exit; a process killed outright leaves a
 * lock with a dead pid, which the next opener takes over. `memory://` and other non-file directories
 * get no lock (undefined).
 *
 * @example
 * const lock = lockPgliteDataDir('./data');
 * const db = new PGlite('./data');
 * // …
 * await db.close();
 * lock?.release();
 */
export function lockPgliteDataDir(dataDir: string): PgliteDataDirLock | undefined {
  const dir = fileDirectoryOf(dataDir);
  if (dir === undefined) return undefined;
  const lockPath = `${dir}.lock`;
  const mine: LockFile = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), nonce: randomUUID() };
  // Bounded: each round either takes the lock, throws, or removed a dead holder's file.
  for (let round = 0; round < 5; round++) {
    if (create(lockPath, mine)) return held(lockPath, mine.nonce);
    const current = read(lockPath);
    if (current === 'gone') continue;
    if (current === undefined || !isDead(current)) throw new PgliteDataDirLockedError(lockPath, current && holderOf(current));
    removeIfStill(lockPath, current);
  }
  throw new PgliteDataDirLockedError(lockPath, undefined);
}

/** The directory a PGlite `dataDir` names on this machine, or undefined for in-memory and browser stores. */
function fileDirectoryOf(dataDir: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(dataDir);
  if (scheme && scheme[1]!.toLowerCase() !== 'file') return undefined;
  const path = resolve(scheme ? dataDir.slice(scheme[0].length) : dataDir);
  // One lock per directory however it is spelled: resolve the parent's symlinks (the directory itself
  // may not exist yet; PGlite creates it).
  mkdirSync(dirname(path), { recursive: true });
  return join(realpathSync(dirname(path)), basename(path));
}

function create(lockPath: string, lock: LockFile): boolean {
  const temporary = `${lockPath}.${lock.nonce}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(lock)}\n`, { flag: 'wx' });
  try {
    linkSync(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** The lock file's content; 'gone' when it vanished meanwhile; undefined when it is not a lock we wrote. */
function read(path: string): LockFile | 'gone' | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockFile>;
    const valid =
      Number.isSafeInteger(parsed.pid) &&
      (parsed.pid as number) > 0 &&
      typeof parsed.hostname === 'string' &&
      typeof parsed.since === 'string' &&
      typeof parsed.nonce === 'string';
    return valid ? (parsed as LockFile) : undefined;
  } catch {
    return undefined;
  }
}

function isDead(lock: LockFile): boolean {
  if (lock.hostname !== hostname()) return false;
  if (lock.pid === process.pid) return !heldHere.has(lock.nonce);
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a dead holder's lock without ever removing a live one: the file is first moved aside (only
 * one of several racing openers can move it), then checked to be the dead holder's; a live lock
 * moved by mistake (another opener took over in between) is put back.
 */
function removeIfStill(lockPath: string, dead: LockFile): void {
  const aside = `${lockPath}.${randomUUID()}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = read(aside);
  if (moved !== 'gone' && moved?.nonce !== dead.nonce) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // A third opener locked in between: no safe way back, and the next read refuses us anyway.
    }
  }
  unlinkSync(aside);
}

function held(lockPath: string, nonce: string): PgliteDataDirLock {
  heldHere.set(nonce, lockPath);
  if (!releaseAtExit) {
    releaseAtExit = () => {
      for (const [n, path] of heldHere) releaseOne(path, n);
    };
    process.on('exit', releaseAtExit);
  }
  return { path: lockPath, release: () => releaseOne(lockPath, nonce) };
}

function releaseOne(lockPath: string, nonce: string): void {
  if (!heldHere.delete(nonce)) return;
  const current = read(lockPath);
  if (current !== 'gone' && current?.nonce === nonce) unlinkSync(lockPath);
}

function holderOf(lock: LockFile): PgliteDataDirHolder {
  return { pid: lock.pid, hostname: lock.hostname, since: lock.since };
}
