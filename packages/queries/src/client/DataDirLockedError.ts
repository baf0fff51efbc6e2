import type { PgliteDataDirHolder } from '@org/migrations';
import { ConnectionError } from '../errors/errors.ts';

/**
 * The PGlite data directory is open in another process (or another client of this one). PGlite is
 * single-writer: a second opener would "succeed" and both would lose committed writes, so it is
 * refused. A `ConnectionError` (code `CONNECTION`), with who holds the directory.
 *
 * @example
 * try { createDatabase({ dataDir: './data' }); }
 * catch (e) { if (e instanceof DataDirLockedError) console.error(`in use by pid ${e.holder?.pid}`); }
 */
export class DataDirLockedError extends ConnectionError {
  /** The lock file beside the directory (`<dataDir>.lock`). */
  readonly lockPath: string;
  /** The holder as its lock file names it; undefined when the file is unreadable. */
  readonly holder: PgliteDataDirHolder | undefined;
  constructor(lockPath: string, holder: PgliteDataDirHolder | undefined, options: { cause?: unknown } = {}) {
    super(
      holder
        ? `the PGlite data directory is in use by pid ${holder.pid} on ${holder.hostname}; close it there first (one process per directory)`
        : 'the PGlite data directory is locked and its lock file is unreadable; if no process uses it, delete the lock file',
      options,
    );
    this.lockPath = lockPath;
    this.holder = holder;
  }
}
