import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as drizzleMigratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engines, scratchDatabase, type ScratchDatabase } from '../../../tooling/testEngines.ts';
import { migrate, migrationStatus, orgMigrationsFolder, readMigrationFolder } from '../src/index.ts';

describe.each(engines)('adopting a database migrated by drizzle-orm on %s', (engine) => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase(engine);
  });
  beforeEach(async () => db.reset());
  afterAll(async () => db.close());

  it('records drizzle-applied migrations without running them again', async () => {
    const migrationsFolder = orgMigrationsFolder();
    if (db.engine === 'pglite') {
      await drizzleMigratePglite(drizzlePglite(db.client as PGlite), { migrationsFolder });
    } else {
      await drizzleMigratePostgres(drizzlePostgres(db.client as Sql), { migrationsFolder });
    }
    const names = readMigrationFolder(migrationsFolder).map((f) => f.name);

    const status = await migrationStatus(db.client);
    expect(status.upToDate).toBe(true);
    expect(status.migrations.every((m) => m.adopted)).toBe(true);

    const result = await migrate(db.client);
    expect(result.applied).toEqual([]);
    expect(result.adopted).toEqual(names);
    const journal = await db.rows<{ name: string; adopted: boolean }>(
      'select name, adopted from org_migrations order by name',
    );
    expect(journal).toEqual(names.map((name) => ({ name, adopted: true })));
    expect((await migrate(db.client)).skipped).toEqual(names);
  });
});
