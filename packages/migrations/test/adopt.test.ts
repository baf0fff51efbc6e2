import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { adoptDatabase, checkDrift, migrate, migrationStatus, orgMigrationsFolder, readMigrationFolder } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { ADOPT_FIXTURE, ADOPT_FIXTURE_SQL, adoptFixtureFolder } from './support/adoptFixture.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const NAMES = Object.keys(ADOPT_FIXTURE);

describe.each(engines)('adoptDatabase on %s', (engine) => {
  const scratch = scratchSuite(engine);
  // A script of several statements, as psql or another tool would run it (simple query protocol).
  async function script(sql: string) {
    const client = scratch().client as { exec?: (s: string) => Promise<unknown>; unsafe?: (s: string) => { simple(): Promise<unknown> } };
    if (client.exec) await client.exec(sql);
    else await client.unsafe!(sql).simple();
  }

  it('records every migration of a database built by the same SQL outside the runner, without running any', async () => {
    const folder = adoptFixtureFolder();
    try {
      await script(ADOPT_FIXTURE_SQL);
      await script(`insert into users (email) values ('a@example.com')`);
      const result = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(result.outcome).toBe('adopted');
      expect(result.differences).toEqual([]);
      expect(result.recorded).toEqual(NAMES);
      const journal = await scratch().rows<{ name: string; adopted: boolean }>('select name, adopted from org_migrations order by name');
      expect(journal).toEqual(NAMES.map((name) => ({ name, adopted: true })));
      expect((await migrationStatus(scratch().client, { folder: folder.dir })).upToDate).toBe(true);
      expect((await checkDrift(scratch().client, { folder: folder.dir })).differences).toEqual([]);
      // Nothing ran again: the row is still there and a second adopt refuses.
      expect(await scratch().rows('select email from users')).toEqual([{ email: 'a@example.com' }]);
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(/already records 2 migration\(s\)/);
    } finally {
      folder.remove();
    }
  });

  it('writes a bridge for a divergent database, keeps its data, and after it ran the database is drift-free', async () => {
    const folder = adoptFixtureFolder();
    try {
      await script(ADOPT_FIXTURE_SQL);
      await script(`
        insert into users (id, email, name) values ('00000000-0000-0000-0000-000000000001', 'ann@example.com', 'Ann');
        insert into projects (user_id, title) values ('00000000-0000-0000-0000-000000000001', 'Garden');
        alter table users drop column name;                                   -- missing column
        alter table users add column legacy_plan text;                        -- extra column holding data
        update users set legacy_plan = 'pro';
        drop index projects_live_idx;                                         -- missing index
        alter table users alter column status set default 'disabled';         -- different default
        alter table projects drop constraint projects_user_id_fkey;          -- missing foreign key
        create table search_jobs (id serial primary key, query text not null); -- legacy table
        insert into search_jobs (query) values ('shoes'), ('hats');`);

      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.outcome).toBe('bridge-written');
      expect(first.recorded).toEqual([]);
      expect(first.differences.map((d) => `${d.change} ${d.object} ${d.table ? `${d.table}.` : ''}${d.name}`).sort()).toEqual([
        'changed column public.users.status',
        'extra column public.users.legacy_plan',
        'extra table public.search_jobs',
        'missing column public.users.name',
        'missing constraint public.projects.projects_user_id_fkey',
        'missing index public.projects.projects_live_idx',
      ]);
      expect(first.bridgeFile).toBe(`${folder.dir}/0002_adopt_bridge.sql`);
      const bridge = readFileSync(first.bridgeFile!, 'utf8');
      expect(bridge.split('\n')[0]).toBe('-- org-migrate:adopt-bridge');
      expect(bridge).toContain('-- org-migrate:keep column public.users.legacy_plan -- holds data; pass --allow-drop to drop');
      expect(bridge).toContain('-- org-migrate:keep table public.search_jobs -- holds data; pass --allow-drop to drop');
      expect(bridge).toContain('ALTER TABLE "public"."users" ADD COLUMN IF NOT EXISTS "name" text;');
      expect(bridge).toContain(`ALTER TABLE "public"."users" ALTER COLUMN "status" SET DEFAULT 'active'::character varying;`);
      expect(bridge).toContain('CREATE INDEX IF NOT EXISTS "projects_live_idx" ON public.projects USING btree (user_id) WHERE (deleted_at IS NULL);');
      expect(bridge).toContain(
        'ALTER TABLE "public"."projects" ADD CONSTRAINT "projects_user_id_fkey" FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE NOT VALID;\n' +
          '    ALTER TABLE "public"."projects" VALIDATE CONSTRAINT "projects_user_id_fkey";',
      );
      expect(bridge).not.toMatch(/\bDROP (TABLE|COLUMN)\b/);
      expect(await scratch().rows(`select to_regclass('public.org_migrations') as journal`)).toEqual([{ journal: null }]);

      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: second.outcome, remaining: second.remaining }).toEqual({ outcome: 'bridged', remaining: [] });
      expect(second.recorded).toEqual([...NAMES, '0002_adopt_bridge']);
      const journal = await scratch().rows<{ name: string; adopted: boolean }>('select name, adopted from org_migrations order by name');
      expect(journal).toEqual([...NAMES.map((name) => ({ name, adopted: true })), { name: '0002_adopt_bridge', adopted: false }]);
      // Every row survived, the legacy data included.
      expect(await scratch().rows('select email, legacy_plan, status from users')).toEqual([
        { email: 'ann@example.com', legacy_plan: 'pro', status: 'active' },
      ]);
      expect(await scratch().rows('select title from projects')).toEqual([{ title: 'Garden' }]);
      expect(await scratch().rows('select query from search_jobs order by id')).toEqual([{ query: 'shoes' }, { query: 'hats' }]);
      expect((await migrationStatus(scratch().client, { folder: folder.dir })).upToDate).toBe(true);
      expect((await checkDrift(scratch().client, { folder: folder.dir })).differences).toEqual([]);

      // The bridge stays in the folder; on a database the migrations build, it does nothing.
      await scratch().reset();
      const fresh = await migrate(scratch().client, { folder: folder.dir });
      expect(fresh.applied.map((m) => m.name)).toEqual([...NAMES, '0002_adopt_bridge']);
      expect((await checkDrift(scratch().client, { folder: folder.dir })).differences).toEqual([]);
    } finally {
      folder.remove();
    }
  });

  it('does not flag the same schema built in another column order with equivalent spellings', async () => {
    const folder = adoptFixtureFolder();
    try {
      await script(`
        create table users (
          created_at timestamp with time zone default CURRENT_TIMESTAMP not null,
          status character varying(20) default ('active'::character varying) not null,
          email text not null,
          name text,
          id uuid default gen_random_uuid() not null,
          constraint users_pkey primary key (id),
          CONSTRAINT users_status_check CHECK (Status IN ('active',
            'disabled'))
        );
        create unique index users_email_lower_key on users using btree (lower(email));
        create table projects (
          search tsvector generated always as (to_tsvector('english'::regconfig, coalesce(title, ''::text))) stored,
          deleted_at timestamptz,
          score numeric(5, 2) default (0)::numeric,
          title text not null,
          user_id uuid not null,
          id int generated always as identity,
          constraint projects_pkey primary key (id)
        );
        alter table projects add constraint projects_user_id_fkey foreign key (user_id) references users on delete cascade;
        create index projects_live_idx on projects (user_id) where (deleted_at is null);
        ${ADOPT_FIXTURE['0001_touch_and_rls']}`);
      const result = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(result.differences).toEqual([]);
      expect(result.outcome).toBe('adopted');
    } finally {
      folder.remove();
    }
  });

  it("recreates a whole missing table of @org's migrations (constraints, indexes, trigger, policy), and drops a legacy table only with allowDrop", async () => {
    const folder = migrationFolder();
    const files = readMigrationFolder(orgMigrationsFolder());
    for (const f of files) cpSync(join(orgMigrationsFolder(), `${f.name}.sql`), join(folder.dir, `${f.name}.sql`));
    try {
      for (const f of files) await script(f.sql);
      await script('drop table scraping_results cascade; create table search_jobs (id serial primary key); insert into search_jobs default values;');
      const first = await adoptDatabase(scratch().client, { folder: folder.dir, allowDrop: true });
      expect(first.differences.map((d) => `${d.change} ${d.object} ${d.name}`)).toEqual([
        'missing table public.scraping_results',
        'extra table public.search_jobs',
      ]);
      const bridge = readFileSync(first.bridgeFile!, 'utf8');
      expect(bridge).toContain('CREATE TABLE IF NOT EXISTS "public"."scraping_results" (');
      expect(bridge).toContain('CREATE POLICY "scraping_results_owner" ON "public"."scraping_results"');
      expect(bridge).toContain('DROP TABLE IF EXISTS "public"."search_jobs";');
      expect(bridge).not.toContain('org-migrate:keep');
      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: second.outcome, remaining: second.remaining }).toEqual({ outcome: 'bridged', remaining: [] });
      expect(await scratch().rows(`select to_regclass('public.search_jobs') as t`)).toEqual([{ t: null }]);
      expect((await checkDrift(scratch().client, { folder: folder.dir })).drifted).toBe(false);
    } finally {
      folder.remove();
    }
  });
});
