import { describe, expect, it } from 'vitest';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import { engines } from '../../../tooling/testEngines.ts';
import { migrate, migrationStatus } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

// A server serialises runners through the advisory lock, but one PGlite instance is one session, where
// the lock is re-entrant: concurrent first migrate() calls on one client must queue in-process.
describe.each(engines)('concurrent migrate() calls on one %s client', (engine) => {
  const scratch = scratchSuite(engine);

  it('six at once all succeed and apply every file exactly once', async () => {
    const folder = migrationFolder({
      '0000_a': 'create table a (id int primary key);\n--> statement-breakpoint\ninsert into a values (1);',
      '0001_b': 'create table b (id int references a);',
      '0002_c': 'create table c (id int);',
    });
    try {
      const results = await Promise.all(Array.from({ length: 6 }, () => migrate(scratch().client, { folder: folder.dir })));
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, 0, 0, 3]);
      expect(results.filter((r) => r.skipped.length === 3)).toHaveLength(5);
      const journal = await scratch().rows<{ name: string }>('select name from org_migrations order by name');
      expect(journal.map((r) => r.name)).toEqual(['0000_a', '0001_b', '0002_c']);
      expect((await migrationStatus(scratch().client, { folder: folder.dir })).upToDate).toBe(true);
    } finally {
      folder.remove();
    }
  });

  it.runIf(engine === 'pglite')('a drizzle db and its PGlite client share one queue', async () => {
    const folder = migrationFolder({ '0000_a': 'create table a (id int);', '0001_b': 'create table b (id int);' });
    try {
      const client = scratch().client as PGlite;
      const db = drizzlePglite(client);
      const results = await Promise.all([
        migrate(client, { folder: folder.dir }),
        migrate(db, { folder: folder.dir }),
        migrationStatus(db, { folder: folder.dir }),
        migrate(db, { folder: folder.dir }),
      ]);
      expect(results.map((r) => ('applied' in r ? r.applied.length : r.counts.applied))).toEqual([2, 0, 2, 0]);
    } finally {
      folder.remove();
    }
  });
});
