// Seed 002 (usegemz): its database, built from its guide's own DDL and filled with realistic rows and
// the edge cases of #13, is adopted onto @org's migrations; every row is accounted for, the bridged
// database is drift-free, and the team's documented queries run against @org's tables.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schema, campaigns, scrapingJobs, scrapingResults, userProfiles, users } from '@org/schema';
import { and, desc, eq } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { adoptDatabase, checkDrift, migrate, MigrationFailedError, orgMigrationsFolder, readMigrationFolder } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/seeds/${name}`, import.meta.url), 'utf8');
const TEAM_TABLES = ['user_profiles', 'campaigns', 'scraping_jobs', 'scraping_results', 'system_configurations', 'search_jobs', 'search_results'];
const ANN = 'user_2NfRa1bCdEfGhIjKlMnOpQrStUv';
const ADMIN = 'user_2QbAdmin7xYz0123456789abcd';
const NO_EMAIL = 'user_2NoEmail000000000000000000';
const NO_PROFILE = 'user_2NoProfile999999999999999';
const JOB_1 = '30000000-0000-4000-8000-000000000001';
const JOB_3 = '30000000-0000-4000-8000-000000000003';

describe.each(engines)('seed 002 (usegemz) adoption on %s', (engine) => {
  const scratch = scratchSuite(engine);
  async function script(sql: string) {
    const client = scratch().client as { exec?: (s: string) => Promise<unknown>; unsafe?: (s: string) => { simple(): Promise<unknown> } };
    if (client.exec) await client.exec(sql);
    else await client.unsafe!(sql).simple();
  }
  async function counts(tables: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number((await scratch().rows<{ n: number }>(`select count(*)::int as n from ${t}`))[0]!.n);
    return out;
  }
  /** Each team table's rows by key, with the columns adoption must carry over (owners as Clerk ids). */
  async function keyValues(owner: (column: string) => string) {
    return {
      profiles: await scratch().rows(`select id::text, ${owner('user_id')} as owner, email, is_admin from user_profiles order by id`),
      campaigns: await scratch().rows(`select id::text, ${owner('user_id')} as owner, name, status from campaigns order by id`),
      jobs: await scratch().rows(`select id::text, ${owner('user_id')} as owner, campaign_id::text, status, target_results from scraping_jobs order by id`),
      results: await scratch().rows(`select id::text, job_id::text, creators::text from scraping_results order by id`),
      configurations: await scratch().rows(`select category, key, value, is_hot_reloadable::text as hot from system_configurations order by category, key`),
      searchJobs: await scratch().rows(`select id, campaign_id::text from search_jobs order by id`),
      searchResults: await scratch().rows(`select job_id, profile_id, username from search_results order by job_id, profile_id`),
    };
  }
  /** @org's migrations copied into a folder the bridge is written to. */
  function orgFolder() {
    const folder = migrationFolder();
    for (const f of readMigrationFolder(orgMigrationsFolder())) cpSync(join(orgMigrationsFolder(), `${f.name}.sql`), join(folder.dir, `${f.name}.sql`));
    return folder;
  }
  function orm() {
    const client = scratch().client;
    return engine === 'pglite' ? drizzlePglite({ client: client as PGlite, schema }) : drizzlePostgres({ client: client as Sql, schema });
  }

  it("reports the differences, refuses Clerk ids with the bridge as written (22P02, rolled back), and with the team's manual step is bridged: every row kept, drift-free, the guide's queries run", async () => {
    const folder = orgFolder();
    try {
      await script(fixture('002_usegemz.sql'));
      await script(fixture('002_usegemz.rows.sql'));
      const before = await counts(TEAM_TABLES);
      expect(before).toEqual({
        user_profiles: 3,
        campaigns: 3,
        scraping_jobs: 4,
        scraping_results: 4,
        system_configurations: 4,
        search_jobs: 2,
        search_results: 2,
      });
      const valuesBefore = await keyValues((c) => c);

      // 1. What adopt reports about the team's own tables (the tables only @org has are missing, whole).
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.outcome).toBe('bridge-written');
      const onTeamTables = first.differences
        .filter((d) => d.object === 'column' || (d.object === 'table' && d.change === 'extra'))
        .map(
          (d) =>
            `${d.change} ${d.object} ${d.table ? `${d.table}.` : ''}${d.name}${d.fields ? ` (${d.fields.map((f) => `${f.field}: ${f.live} -> ${f.expected}`).join('; ')})` : ''}`,
        );
      expect(onTeamTables).toEqual(
        expect.arrayContaining([
          'changed column public.user_profiles.user_id (type: text -> uuid)',
          'changed column public.campaigns.user_id (type: text -> uuid)',
          'changed column public.scraping_jobs.user_id (type: text -> uuid)',
          "changed column public.scraping_jobs.platform (default: 'Tiktok'::character varying -> 'TikTok'::character varying)",
          "changed column public.scraping_jobs.progress (type: numeric -> numeric(5,2); not null: false -> true; default: 0 -> '0'::numeric)",
          "changed column public.system_configurations.is_hot_reloadable (type: character varying(5) -> boolean; default: 'true'::character varying -> true)",
          'changed column public.campaigns.created_at (type: timestamp without time zone -> timestamp with time zone)',
          'missing column public.campaigns.deleted_at',
          'extra table public.search_jobs',
          'extra table public.search_results',
        ]),
      );
      // Migration 0005 (#13): a job without a campaign and a result without a job are @org's too now.
      expect(onTeamTables.filter((d) => /scraping_jobs\.campaign_id|scraping_results\.job_id/.test(d))).toEqual([]);
      expect(first.review.filter((r) => /campaign_id|job_id/.test(r))).toEqual([]);
      // Every timestamp of the five team tables changes type: 15 columns.
      expect(onTeamTables.filter((d) => d.includes('timestamp without time zone -> timestamp with time zone'))).toHaveLength(15);
      expect(first.differences.filter((d) => d.change === 'missing' && d.object === 'table').map((d) => d.name)).toEqual(
        expect.arrayContaining(['public.users', 'public.leads', 'org_private.user_scope_key']),
      );
      expect(first.kept.map((d) => `${d.name} ${d.holdsData}`)).toEqual(['public.search_jobs true', 'public.search_results true']);
      const written = readFileSync(first.bridgeFile!, 'utf8');
      expect(written).not.toMatch(/\bDROP (TABLE|COLUMN)\b/);

      // 2. The bridge as written cannot take Clerk ids into uuid columns: it fails, rolls back, records
      //    nothing, and its error names the SQLSTATE, never the Clerk id the server's message quotes.
      const refused = await adoptDatabase(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationFailedError);
      expect(refused).toMatchObject({ sqlState: '22P02', condition: 'invalid_text_representation' });
      expect((refused as Error).message).not.toMatch(/user_2/);
      expect(((refused as MigrationFailedError).originalError() as Error).message).toMatch(/user_2/);
      expect(await counts(TEAM_TABLES)).toEqual(before);
      expect(await scratch().rows(`select to_regclass('public.users') as users, to_regclass('public.org_migrations') as journal`)).toEqual([
        { users: null, journal: null },
      ]);

      // 3. The team's manual step, pasted after the bridge's CREATE TABLE statements: now it is bridged.
      const end = written.indexOf('\n);\n', written.lastIndexOf('CREATE TABLE IF NOT EXISTS')) + 4;
      writeFileSync(first.bridgeFile!, `${written.slice(0, end)}\n${fixture('002_usegemz.manual.sql')}\n${written.slice(end)}`);
      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(second.remaining).toEqual([]);
      expect(second.outcome).toBe('bridged');
      const bridgeName = first
        .bridgeFile!.split('/')
        .at(-1)!
        .replace(/\.sql$/, '');
      const files = readMigrationFolder(folder.dir).map((f) => f.name);
      expect(second.recorded).toEqual(files);
      expect(files.at(-1)).toBe(bridgeName);
      expect(await scratch().rows(`select name, adopted from org_migrations order by name`)).toEqual(
        files.map((name) => ({ name, adopted: name !== bridgeName })),
      );

      // 4. Every row is accounted for: the same counts, keys and values; owners now users, whose
      //    external_id is the Clerk id the row had; the legacy search tables kept whole.
      expect(await counts(TEAM_TABLES)).toEqual(before);
      const clerkOf = (c: string) => `(select u.external_id from users u where u.id = ${c} and u.auth_provider = 'clerk')`;
      const after = await keyValues(clerkOf);
      expect(after).toEqual({
        ...valuesBefore,
        configurations: valuesBefore.configurations.map((c) => ({ ...c, hot: c.hot === 'true' ? 'true' : 'false' })),
      });
      expect(await scratch().rows(`select external_id, auth_provider, email from users order by external_id collate "C"`)).toEqual([
        { external_id: ANN, auth_provider: 'clerk', email: 'Ann.Lee@Example.com' },
        { external_id: NO_EMAIL, auth_provider: 'clerk', email: `${NO_EMAIL}@clerk-user.invalid` },
        { external_id: NO_PROFILE, auth_provider: 'clerk', email: `${NO_PROFILE}@clerk-user.invalid` },
        { external_id: ADMIN, auth_provider: 'clerk', email: 'ann.lee@example.com' },
      ]);
      expect(await scratch().rows(`select id::text, platform, progress::text from scraping_jobs order by id`)).toEqual([
        { id: JOB_1, platform: 'TikTok', progress: '100.00' },
        { id: '30000000-0000-4000-8000-000000000002', platform: 'Instagram', progress: '66.67' },
        { id: JOB_3, platform: 'YouTube', progress: '0.00' },
        { id: '30000000-0000-4000-8000-000000000004', platform: 'TikTok', progress: '0.00' },
      ]);

      // The user-scope key row migration 0003 inserts is there, as on a migrated database.
      expect(await scratch().rows(`select count(*)::int as n from org_private.user_scope_key`)).toEqual([{ n: 1 }]);

      // 5. Adopted means identical: no drift, nothing left for migrate to run, a second adopt refused.
      expect(await checkDrift(scratch().client, { folder: folder.dir })).toMatchObject({ drifted: false, differences: [] });
      expect((await migrate(scratch().client, { folder: folder.dir })).applied).toEqual([]);
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(/already records/);

      // 6. The guide's documented queries, against @org's tables (a Clerk id resolved to its user first).
      const db = orm();
      const ann = await db.query.users.findFirst({ where: and(eq(users.authProvider, 'clerk'), eq(users.externalId, ANN)) });
      const profile = await db.query.userProfiles.findFirst({ where: eq(userProfiles.userId, ann!.id) });
      expect(profile).toMatchObject({ email: 'Ann.Lee@Example.com', trialStatus: 'active', isAdmin: false });
      const admins = await db.query.userProfiles.findMany({ where: eq(userProfiles.isAdmin, true), columns: { userId: true, fullName: true, isAdmin: true } });
      const admin = await db.query.users.findFirst({ where: eq(users.externalId, ADMIN) });
      expect(admins).toEqual([{ userId: admin!.id, fullName: 'Ann Lee (admin)', isAdmin: true }]);
      const job = await db.query.scrapingJobs.findFirst({ where: eq(scrapingJobs.id, JOB_1), with: { results: true, campaign: true } });
      expect(job!.campaign!.name).toBe('Fitness creators');
      expect(job!.results).toHaveLength(2);
      expect((await db.query.scrapingJobs.findFirst({ where: eq(scrapingJobs.id, JOB_3), with: { campaign: true } }))!.campaign).toBeNull();
      const results = await db.query.scrapingResults.findMany({ where: eq(scrapingResults.jobId, JOB_1), orderBy: desc(scrapingResults.createdAt) });
      expect(results.flatMap((r) => r.creators as Array<{ creator: { name: string } }>).map((c) => c.creator.name)).toEqual(['Lift Daily', 'Fit Fan']);
      const created = await db.transaction(async (tx) => {
        const [campaign] = await tx
          .insert(campaigns)
          .values({ userId: ann!.id, name: 'TikTok Keyword Search', searchType: 'keyword', status: 'active' })
          .returning();
        const [newJob] = await tx
          .insert(scrapingJobs)
          .values({ userId: ann!.id, campaignId: campaign!.id, platform: 'TikTok', keywords: ['fitness', 'workout'], status: 'pending', targetResults: 1000 })
          .returning();
        await tx.insert(scrapingResults).values({ jobId: newJob!.id, creators: [] });
        await tx.update(scrapingJobs).set({ processedRuns: 1, processedResults: 10, progress: '1.00' }).where(eq(scrapingJobs.id, newJob!.id));
        return newJob!;
      });
      expect(await db.query.scrapingJobs.findFirst({ where: eq(scrapingJobs.id, created.id), columns: { progress: true, processedRuns: true } })).toEqual({
        progress: '1.00',
        processedRuns: 1,
      });
      await db.update(userProfiles).set({ trialStatus: 'converted' }).where(eq(userProfiles.userId, ann!.id));
    } finally {
      folder.remove();
    }
  }, 120_000);
});
