import { PGlite } from '@electric-sql/pglite';
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

  it('records drizzle-applied migrations without running them again', async () => {
    const migrationsFolder = orgMigrationsFolder();
    if (scratch().engine === 'pglite') {
      await drizzleMigratePglite(drizzlePglite(scratch().client as PGlite), { migrationsFolder });
    } else {
      await drizzleMigratePostgres(drizzlePostgres(scratch().client as Sql), { migrationsFolder });
    }
    const names = readMigrationFolder(migrationsFolder).map((f) => f.name);

    const status = await migrationStatus(scratch().client, { folder: migrationsFolder });
    expect(status.upToDate).toBe(true);
    expect(status.migrations.every((m) => m.adopted)).toBe(true);

    const result = await migrate(scratch().client, { folder: migrationsFolder });
    expect(result.applied).toEqual([]);
    expect(result.adopted).toEqual(names);
    const journal = await scratch().rows<{ name: string; adopted: boolean }>(
      'select name, adopted from org_migrations order by name',
    );
    expect(journal).toEqual(names.map((name) => ({ name, adopted: true })));
    expect((await migrate(scratch().client, { folder: migrationsFolder })).skipped).toEqual(names);
  });
});
