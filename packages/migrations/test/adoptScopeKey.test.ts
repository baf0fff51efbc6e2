// An adopted database ends as a migrated one: migration 0003 inserts the user-scope key row (DEFAULT
// VALUES, the key drawn by the server), and without it org_current_user_id() is null for every scope,
// so row-level security denies everyone. The bridge creates the row the same way; a scope signed the
// way withUserScope signs it (@org/queries src/scoped) is accepted after adopt as after migrate.
import { createHmac } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { defaultRowTables } from '../src/adopt/defaultRows.ts';
import { readMigrationFolder as readFolder } from '../src/files/readMigrationFolder.ts';
import { adoptDatabase, migrate, orgMigrationsFolder, readMigrationFolder } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const USER = '5f0c4a38-2f7e-4c55-9d0b-6a1f2b3c4d5e';

describe('defaultRowTables', () => {
  it('finds tables filled with DEFAULT VALUES, and nothing else', () => {
    const folder = migrationFolder({
      '0000_a': [
        'insert into org_private.user_scope_key default values;',
        'INSERT INTO "Odd ""Name""" DEFAULT VALUES;',
        'insert into plain default values;',
        "insert into t (a) values ('x');",
        '-- insert into commented default values;',
        'do $$ begin insert into in_body default values; end $$;',
      ].join('\n--> statement-breakpoint\n'),
    });
    try {
      expect([...defaultRowTables(readFolder(folder.dir))].sort()).toEqual(['org_private.user_scope_key', 'public.Odd "Name"', 'public.plain']);
      expect([...defaultRowTables(readMigrationFolder(orgMigrationsFolder()))]).toEqual(['org_private.user_scope_key']);
    } finally {
      folder.remove();
    }
  });
});

describe.each(engines)('the user-scope key after adoption on %s', (engine) => {
  const scratch = scratchSuite(engine);

  /** What withUserScope does, in one transaction: sign `<user>:<binding>` with the key, set it, ask. */
  async function scopedUser(key: Buffer): Promise<string | null> {
    const steps = async (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => {
      const [{ binding }] = (await q('select org_user_scope_binding() as binding')) as [{ binding: string }];
      const mac = createHmac('sha256', key).update(`${USER}:${binding}`).digest('hex');
      await q(`select set_config('org.user_scope', $1, true)`, [`${USER}:${mac}`]);
      return ((await q('select org_current_user_id()::text as id')) as [{ id: string | null }])[0].id;
    };
    const client = scratch().client;
    if (engine === 'pglite') return (client as PGlite).transaction((tx) => steps(async (t, p) => (await tx.query<Record<string, unknown>>(t, p)).rows));
    return (client as Sql).begin((tx) => steps((t, p) => tx.unsafe(t, (p ?? []) as never[]) as unknown as Promise<Record<string, unknown>[]>)) as Promise<
      string | null
    >;
  }
  async function keyRows() {
    return scratch().rows<{ key: string }>(`select encode(key, 'hex') as key from org_private.user_scope_key`);
  }

  it('a database adopted through the bridge has the key row, and a signed scope is its user, as after migrate', async () => {
    const folder = migrationFolder();
    for (const f of readMigrationFolder(orgMigrationsFolder())) cpSync(join(orgMigrationsFolder(), `${f.name}.sql`), join(folder.dir, `${f.name}.sql`));
    try {
      // An empty database: every table is missing, the bridge creates them all.
      const written = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(written.outcome).toBe('bridge-written');
      expect((await adoptDatabase(scratch().client, { folder: folder.dir })).outcome).toBe('bridged');

      const rows = await keyRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.key).toMatch(/^[0-9a-f]{64}$/);
      expect(await scopedUser(Buffer.from(rows[0]!.key, 'hex'))).toBe(USER);
      // A scope signed with another key is nobody, as on a migrated database.
      expect(await scopedUser(Buffer.alloc(32, 7))).toBeNull();
      // Drawn by this server when the bridge ran, not copied from anywhere.
      expect(readFileSync(written.bridgeFile!, 'utf8')).toContain('INSERT INTO "org_private"."user_scope_key" DEFAULT VALUES;');
    } finally {
      folder.remove();
    }
  }, 120_000);

  it('after migrate: the same one row and the same answers (the state adoption must match)', async () => {
    await migrate(scratch().client, { folder: orgMigrationsFolder() });
    const rows = await keyRows();
    expect(rows).toHaveLength(1);
    expect(await scopedUser(Buffer.from(rows[0]!.key, 'hex'))).toBe(USER);
    expect(await scopedUser(Buffer.alloc(32, 7))).toBeNull();
  }, 60_000);
});
