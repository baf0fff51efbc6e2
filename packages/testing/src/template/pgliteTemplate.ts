import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '@org/migrations';
import { templateKey } from './templateKey.ts';

/** Where migrated PGlite dumps are cached between runs. */
export function defaultCacheDir(): string {
  return resolve(process.cwd(), 'node_modules', '.cache', 'org-testing');
}

/**
 * A migrated PGlite data directory as an uncompressed tarball. Migrating costs a fresh PGlite plus
 * every migration; loading a dump costs about a quarter of a fresh start, so the dump is cached on
 * disk keyed by the migrations' checksums and rebuilt only when they change.
 *
 * @example
 * const copy = new PGlite({ loadDataDir: await pgliteTemplate('./drizzle') });
 */
export async function pgliteTemplate(migrationsFolder: string, cacheDir = defaultCacheDir()): Promise<Blob> {
  const file = join(cacheDir, `pglite-${templateKey(migrationsFolder)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = new PGlite();
  try {
    await migrate(db, { folder: migrationsFolder });
    const dump = await db.dumpDataDir('none');
    const bytes = Buffer.from(await dump.arrayBuffer());
    mkdirSync(cacheDir, { recursive: true });
    // Several workers may build it at once: write aside and rename, so readers never see half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return new Blob([bytes]);
  } finally {
    await db.close();
  }
}
