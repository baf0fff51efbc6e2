import { PgliteDataDirLockedError, lockPgliteDataDir, type PgliteDataDirLock } from '@org/migrations';
import { DataDirLockedError } from './DataDirLockedError.ts';

/**
 * Takes the PGlite data directory's lock before PGlite opens it (see `lockPgliteDataDir` in
 * @org/migrations); the refusal becomes the data layer's typed {@link DataDirLockedError}.
 */
export function lockDataDir(dataDir: string | undefined): PgliteDataDirLock | undefined {
  if (dataDir === undefined) return undefined;
  try {
    return lockPgliteDataDir(dataDir);
  } catch (error) {
    if (error instanceof PgliteDataDirLockedError) throw new DataDirLockedError(error.lockPath, error.holder, { cause: error });
    throw error;
  }
}
