import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as drizzleMigratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { migrate, migrationStatus, orgMigrationsFolder, readMigrationFolder } from '../src/index.ts';

describe.each(engines)('adopting a database migrated by drizzle-orm on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it('records drizzle-applied migrations without running them again, and runs the files drizzle never had', async () => {
    const migrationsFolder = orgMigrationsFolder();
    // The database as drizzle-orm's migrator left it: the files its journal lists up to 0005. (0006's
    // CONCURRENTLY index files run outside a transaction, which drizzle's migrator cannot do; only
    // org-migrate applies them.)
    const drizzleFolder = mkdtempSync(join(tmpdir(), 'org-drizzle-'));
    try {
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
      journal.entries = journal.entries.filter((e) => e.idx <= 5);
      mkdirSync(join(drizzleFolder, 'meta'));
      writeFileSync(join(drizzleFolder, 'meta', '_journal.json'), JSON.stringify(journal));
      for (const e of journal.entries) copyFileSync(join(migrationsFolder, `${e.tag}.sql`), join(drizzleFolder, `${e.tag}.sql`));
      if (scratch().engine === 'pglite') {
        await drizzleMigratePglite(drizzlePglite(scratch().client as PGlite), { migrationsFolder: drizzleFolder });
      } else {
        await drizzleMigratePostgres(drizzlePostgres(scratch().client as Sql), { migrationsFolder: drizzleFolder });
      }
      const names = readMigrationFolder(migrationsFolder).map((f) => f.name);
      const byDrizzle = journal.entries.map((e) => e.tag);
      const rest = names.filter((n) => !byDrizzle.includes(n));
      expect(rest.length).toBeGreaterThan(0);

      const status = await migrationStatus(scratch().client, { folder: migrationsFolder });
      expect(status.upToDate).toBe(false);
      expect(status.migrations.filter((m) => m.adopted).map((m) => m.name)).toEqual(byDrizzle);

      const result = await migrate(scratch().client, { folder: migrationsFolder });
      expect(result.adopted).toEqual(byDrizzle);
      expect(result.applied.map((a) => [a.name, a.transactional])).toEqual(rest.map((name) => [name, false]));
      const rows = await scratch().rows<{ name: string; adopted: boolean }>('select name, adopted from org_migrations order by name');
      expect(rows).toEqual(names.map((name) => ({ name, adopted: byDrizzle.includes(name) })));
      expect((await migrate(scratch().client, { folder: migrationsFolder })).skipped).toEqual(names);
    } finally {
      rmSync(drizzleFolder, { recursive: true, force: true });
    }
  });
});
