/** Who holds a PGlite data directory's lock, as its lock file says. */
export interface PgliteDataDirHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
}

/**
 * Another process (or another client in this one) has the PGlite data directory open. PGlite is
 * single-writer: two openers of one directory both "succeed" and both lose committed writes, so a
 * second opener is refused instead.
 *
 * @example
 * try { lockPgliteDataDir('./data'); } catch (e) { if (e instanceof PgliteDataDirLockedError) console.error(e.holder); }
 */
export class PgliteDataDirLockedError extends Error {
  readonly code = 'PGLITE_DATA_DIR_LOCKED';
  constructor(
    /** The lock file that refused us. */
    readonly lockPath: string,
    /** Its holder, or undefined when the file cannot be read as a lock. */
    readonly holder: PgliteDataDirHolder | undefined,
  ) {
    super(
      holder
        ? `the PGlite data directory is in use by pid ${holder.pid} on ${holder.hostname} since ${holder.since}. ` +
            'Close that process first (PGlite allows one process per directory). If it is gone from another host, ' +
            `delete ${lockPath}.`
        : `the PGlite data directory is locked, and its lock file is unreadable: if no process uses the directory, delete ${lockPath}.`,
    );
    this.name = new.target.name;
  }
}
