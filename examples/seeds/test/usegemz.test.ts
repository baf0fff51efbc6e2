// Seed 002 (usegemz): every code example and query pattern of the team's database guide, written against
// @org as the team would (src/usegemz), run on PGlite and PostgreSQL. One describe per guide section.
import type { MigrationClient } from '@org/migrations';
import {
  CheckViolationError,
  ConfigurationError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
  mapDatabaseError,
  setConfig,
  type OrgDb,
} from '@org/queries';
import {
  campaigns,
  scrapingJobs,
  scrapingResults,
  systemConfigurations,
  type Campaign,
  type CreatorResult,
  type NewCampaign,
  type NewScrapingJob,
  type NewScrapingResult,
  type NewUserProfile,
  type ScrapingJob,
  type ScrapingResult,
  type UserProfile,
} from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, expectTypeOf } from 'vitest';
import { checkAdminStatus, getAllAdminUsers, promoteUserToAdmin } from '../src/usegemz/admin.ts';
import {
  createCampaignAndJob,
  createCampaignWithJob,
  createStandaloneJob,
  getCampaign,
  getJobWithResults,
  getUserCampaigns,
} from '../src/usegemz/campaigns.ts';
import { createConfigService, seedDefaultConfigurations } from '../src/usegemz/config.ts';
import { connectionPoolStatus, getDb, productionDatabase } from '../src/usegemz/connection.ts';
import { getProfileOrThrow } from '../src/usegemz/errors.ts';
import { signInWithClerk, userIdForClerk } from '../src/usegemz/identity.ts';
import { calculateProgress, failJob, finishJob, startJob, timeOutJob, updateJobProgress, updateJobProgressAtomically } from '../src/usegemz/jobProgress.ts';
import { migrateDatabase, migrationsStatus } from '../src/usegemz/migrations.ts';
import { GUIDE_INDEXES, indexUsageAnalysis, slowQueries } from '../src/usegemz/monitoring.ts';
import { createUserProfile, getUserProfile, updateTrialStatus } from '../src/usegemz/profiles.ts';
import { getAllResultsForJob, saveSearchResults } from '../src/usegemz/results.ts';

const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';
const DAY = 86_400_000;

/** A signed-in Clerk user: usegemz's users exist in @org through their Clerk id. */
async function clerkUser(db: OrgDb, n = 1) {
  const clerkUserId = `user_2Ab${n}cDeFgHiJkLmNoPqRsTuVwXyZ`;
  const user = await signInWithClerk(db, { clerkUserId, email: `creator${n}@usegemz.example.test`, name: `Creator ${n}` });
  return { clerkUserId, userId: user.id };
}

const tiktok = (name: string): CreatorResult => ({
  creator: { name, followers: 150000, emails: [`${name}@creator.example.test`], uniqueId: `@${name}` },
  video: {
    description: 'Video title',
    url: `https://tiktok.example.test/@${name}/video/1`,
    statistics: { likes: 5000, comments: 150, shares: 75, views: 50000 },
  },
  hashtags: ['#trending'],
  platform: 'TikTok',
});

describe('Clerk identity (every userId of the guide)', () => {
  test('a Clerk id signs in once and resolves to one uuid; unknown and malformed ids are typed errors', async ({ db }) => {
    const { clerkUserId, userId } = await clerkUser(db);
    expect((await signInWithClerk(db, { clerkUserId, email: 'creator1@usegemz.example.test' })).id).toBe(userId);
    expect(await userIdForClerk(db, clerkUserId)).toBe(userId);
    await expect(userIdForClerk(db, 'user_2NeverSignedIn')).rejects.toBeInstanceOf(NotFoundError);
    await expect(userIdForClerk(db, 'user 2 with spaces')).rejects.toBeInstanceOf(ValidationError);
  });

  test("the guide's line unchanged (a Clerk id where @org has a uuid) fails in PostgreSQL with 22P02: why the id is resolved first", async ({ db }) => {
    const { clerkUserId } = await clerkUser(db);
    const error = await db.transaction((tx) => tx.query.userProfiles.findFirst({ where: (p, { eq }) => eq(p.userId, clerkUserId) })).catch((e: unknown) => e);
    expect(mapDatabaseError(error)).toBeInstanceOf(ValidationError);
  });
});

describe('1. User Profile Operations', () => {
  test('create, get with trial data, and a 7-day trial', async ({ db }) => {
    const { clerkUserId, userId } = await clerkUser(db);
    expect(await getUserProfile(db, clerkUserId)).toBeUndefined();
    const created = await createUserProfile(db, clerkUserId, 'creator1@usegemz.example.test');
    expect(created).toMatchObject({ userId, fullName: 'John Doe', businessName: 'Acme Corp', onboardingStep: 'completed', trialStatus: 'pending' });
    const before = Date.now();
    await updateTrialStatus(db, clerkUserId);
    const profile = await getUserProfile(db, clerkUserId);
    expect(profile?.trialStatus).toBe('active');
    expect(profile!.trialStartDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const length = profile!.trialEndDate!.getTime() - profile!.trialStartDate!.getTime();
    expect(length).toBeGreaterThanOrEqual(7 * DAY);
    expect(length).toBeLessThan(7 * DAY + 1000);
  });

  test('Error Handling: a missing profile and an unknown Clerk id are NotFoundError, a malformed id a ValidationError', async ({ db }) => {
    const { clerkUserId } = await clerkUser(db);
    await expect(getProfileOrThrow(db, clerkUserId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProfileOrThrow(db, 'user_2Unknown')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProfileOrThrow(db, "x' or '1'='1")).rejects.toBeInstanceOf(ValidationError);
    await createUserProfile(db, clerkUserId, 'creator1@usegemz.example.test');
    expect((await getProfileOrThrow(db, clerkUserId)).email).toBe('creator1@usegemz.example.test');
  });
});

describe('2. Campaign & Job Operations', () => {
  test('Create Campaign with Job in one transaction, and Get Job with Results with its campaign', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const { campaign, job } = await createCampaignWithJob(db, userId);
    expect(campaign).toMatchObject({ userId, name: 'TikTok Keyword Search', searchType: 'keyword', status: 'active' });
    expect(job).toMatchObject({
      userId,
      campaignId: campaign.id,
      platform: 'TikTok',
      keywords: ['fitness', 'workout'],
      status: 'pending',
      targetResults: 1000,
      progress: '0.00',
    });
    await saveSearchResults(db, job.id, [tiktok('a'), tiktok('b')]);
    const read = await getJobWithResults(db, job.id);
    expect(read?.campaign?.id).toBe(campaign.id);
    expect(read?.results.map((r) => r.creators.length)).toEqual([2]);
  });

  test('a job without a campaign (#13): created, read with campaign null', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const job = await createStandaloneJob(db, userId, '@originalcreator');
    expect(job).toMatchObject({ campaignId: null, platform: 'Instagram', targetUsername: '@originalcreator' });
    const read = await getJobWithResults(db, job.id);
    expect(read).toMatchObject({ id: job.id, campaign: null, results: [] });
  });

  test('Atomic Operations: a failing job insert rolls the campaign back too', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const made = await createCampaignAndJob(db, { userId, name: 'Kept', searchType: 'keyword' }, { userId, keywords: ['ok'] });
    expect(made.job.campaignId).toBe(made.campaign.id);
    // 'Tiktok' is the seed DDL's old default, refused by the platform check (#13 decision).
    const error = await createCampaignAndJob(db, { userId, name: 'Rolled back', searchType: 'keyword' }, { userId, platform: 'Tiktok' as 'TikTok' }).catch(
      (e: unknown) => e,
    );
    expect(mapDatabaseError(error)).toBeInstanceOf(CheckViolationError);
    expect((await getUserCampaigns(db, userId)).map((c) => c.name)).toEqual(['Kept']);
  });

  test('Update Job Progress: the read-modify-write with progress as a decimal string, and the atomic form agree', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const job = await createStandaloneJob(db, userId, '@x');
    await db.update(scrapingJobs).set({ targetResults: 3 }).where(eq(scrapingJobs.id, job.id));
    const read = async () => (await db.query.scrapingJobs.findFirst({ where: eq(scrapingJobs.id, job.id) }))!;
    await updateJobProgress(db, await read(), 1);
    expect(await read()).toMatchObject({ processedRuns: 1, processedResults: 1, progress: '33.33' });
    await updateJobProgress(db, await read(), 5);
    expect(await read()).toMatchObject({ processedRuns: 2, processedResults: 6, progress: '100.00' });
    expect(calculateProgress(250, 1000)).toBe(25);

    const other = await createStandaloneJob(db, userId, '@y');
    await db.update(scrapingJobs).set({ targetResults: 3 }).where(eq(scrapingJobs.id, other.id));
    await updateJobProgressAtomically(db, other.id, 1);
    expect(await updateJobProgressAtomically(db, other.id, 5)).toMatchObject({ processedRuns: 2, processedResults: 6, progress: '100.00' });
  });

  test('Job Status Flow: pending → processing → completed | error | timeout, finished states final', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const [a, b, c] = [await createStandaloneJob(db, userId, '@a'), await createStandaloneJob(db, userId, '@b'), await createStandaloneJob(db, userId, '@c')];
    expect((await startJob(db, a.id)).startedAt).toBeInstanceOf(Date);
    expect(await finishJob(db, a.id)).toMatchObject({ status: 'completed', progress: '100.00' });
    await expect(db.transaction((tx) => startJob(tx, a.id))).rejects.toBeInstanceOf(IllegalTransitionError);
    await startJob(db, b.id);
    expect(await failJob(db, b.id, 'upstream 503')).toMatchObject({ status: 'error', error: 'upstream 503' });
    expect((await timeOutJob(db, c.id)).status).toBe('timeout');
    await expect(db.transaction((tx) => finishJob(tx, c.id))).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(startJob(db, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('3. Results Operations', () => {
  test('Save Search Results and Get All Results for Job, flattened; a batch without a job (#13) stays out', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const { job } = await createCampaignWithJob(db, userId);
    await saveSearchResults(db, job.id, [tiktok('a'), tiktok('b')]);
    await saveSearchResults(db, job.id, [tiktok('c')]);
    await saveSearchResults(db, undefined, [tiktok('stray')]);
    const all = await getAllResultsForJob(db, job.id);
    // Batches written in one transaction share created_at (now() is the transaction's start), so the
    // guide's desc(createdAt) leaves their order open: compare as a set.
    expect(all.map((c) => ('creator' in c ? c.creator.name : '')).sort()).toEqual(['a', 'b', 'c']);
    expect(await db.$count(scrapingResults, isNull(scrapingResults.jobId))).toBe(1);
  });
});

describe('Scraping Results Table: the documented creator data structures (JSONB)', () => {
  // The four JSONB shapes of the guide, as the platforms return them; each is a CreatorResult.
  const shapes: Record<string, CreatorResult[]> = {
    'TikTok keyword': [tiktok('creatorhandle')],
    'TikTok similar': [
      {
        creator: {
          name: 'Similar Creator',
          followers: 75000,
          avatarUrl: '/api/proxy/image?url=x',
          bio: 'Similar creator bio',
          emails: ['hello@similarcreator.com'],
          uniqueId: '@similarcreator',
        },
        platform: 'TikTok',
        searchType: 'similar',
        targetUsername: '@originalcreator',
      },
    ],
    'Instagram similar': [
      {
        id: 'instagram_user_id',
        username: 'instagram_handle',
        full_name: 'Display Name',
        is_private: false,
        is_verified: true,
        profile_pic_url: 'https://instagram.com/profile.jpg',
        platform: 'Instagram',
      },
    ],
    'YouTube keyword': [
      {
        creator: { name: 'Channel Name', followers: 0, avatarUrl: 'https://youtube.com/channel-avatar.jpg' },
        video: { description: 'Video Title', url: 'https://youtube.com/watch?v=1', statistics: { views: 100000, likes: 0, comments: 0 } },
        hashtags: ['#youtube', '#content'],
        publishedTime: '2024-01-15',
        lengthSeconds: 300,
        platform: 'YouTube',
      },
    ],
  };

  test('each shape is stored and read back as written', async ({ db }) => {
    const { userId } = await clerkUser(db);
    for (const [name, creators] of Object.entries(shapes)) {
      const job = await createStandaloneJob(db, userId, '@originalcreator');
      await saveSearchResults(db, job.id, creators);
      expect(await getAllResultsForJob(db, job.id), name).toEqual(creators);
    }
  });
});

describe('4. Admin Operations', () => {
  test('check, promote, and list admins with the selected columns only', async ({ db }) => {
    const admin = await clerkUser(db, 1);
    const member = await clerkUser(db, 2);
    await createUserProfile(db, admin.clerkUserId, 'creator1@usegemz.example.test');
    await createUserProfile(db, member.clerkUserId, 'creator2@usegemz.example.test');
    expect(await checkAdminStatus(db, admin.clerkUserId)).toBe(false);
    await promoteUserToAdmin(db, admin.clerkUserId);
    expect(await checkAdminStatus(db, admin.clerkUserId)).toBe(true);
    expect(await checkAdminStatus(db, member.clerkUserId)).toBe(false);
    const admins = await getAllAdminUsers(db);
    expect(admins).toHaveLength(1);
    expect(Object.keys(admins[0]!).sort()).toEqual(['email', 'fullName', 'isAdmin', 'updatedAt', 'userId']);
    expect(admins[0]).toMatchObject({ userId: admin.userId, isAdmin: true });
  });
});

describe('5. System Configurations (config rows, hot reload)', () => {
  test("the guide's INSERTs run unchanged; values parse by value_type; is_hot_reloadable is a boolean", async ({ db }) => {
    await seedDefaultConfigurations(db);
    const config = createConfigService(db);
    expect(await config.get('email', 'trial_day_2_delay')).toEqual({ valueType: 'duration', value: { text: '2 days', ms: 2 * DAY } });
    expect(await config.get('api', 'max_api_calls_production')).toEqual({ valueType: 'number', value: 999 });
    const [row] = await db.select().from(systemConfigurations).where(eq(systemConfigurations.key, 'trial_day_5_delay'));
    expect(row?.isHotReloadable).toBe(true);
  });

  test('a hot-reloadable value changes without a restart; a pinned one keeps its first read', async ({ db }) => {
    await seedDefaultConfigurations(db);
    await db.update(systemConfigurations).set({ isHotReloadable: false }).where(eq(systemConfigurations.key, 'max_api_calls_testing'));
    const config = createConfigService(db);
    expect((await config.get('api', 'max_api_calls_production')).value).toBe(999);
    expect((await config.get('api', 'max_api_calls_testing')).value).toBe(1);
    await setConfig(db, { category: 'api', key: 'max_api_calls_production', valueType: 'number', value: 500 });
    await setConfig(db, { category: 'api', key: 'max_api_calls_testing', valueType: 'number', value: 5 });
    expect((await config.get('api', 'max_api_calls_production')).value).toBe(500);
    expect((await config.get('api', 'max_api_calls_testing')).value).toBe(1);
    expect((await createConfigService(db).get('api', 'max_api_calls_testing')).value).toBe(5); // after a restart
  });
});

describe('Security & Best Practices', () => {
  test("User Data Isolation: a user's campaign list holds only that user's campaigns", async ({ db }) => {
    const alice = await clerkUser(db, 1);
    const bob = await clerkUser(db, 2);
    const { campaign } = await createCampaignWithJob(db, alice.userId);
    await createCampaignWithJob(db, bob.userId);
    expect((await getUserCampaigns(db, alice.userId)).map((c) => c.id)).toEqual([campaign.id]);
  });

  test('SQL Injection Prevention: the builder and the sql tag both bind input as a parameter', async ({ db }) => {
    const { userId } = await clerkUser(db);
    const { campaign } = await createCampaignWithJob(db, userId);
    expect(await getCampaign(db, campaign.id)).toHaveLength(1);
    const hostile = `${campaign.id}' or '1'='1`;
    // Bound as one uuid parameter: PostgreSQL refuses the text (22P02), it never runs as SQL.
    const viaBuilder = await db.transaction((tx) => getCampaign(tx, hostile)).catch((e: unknown) => e);
    expect(mapDatabaseError(viaBuilder)).toBeInstanceOf(ValidationError);
    // The guide calls this form unsafe; drizzle's sql tag binds ${…} as a parameter too.
    const viaSqlTag = await db.transaction((tx) => tx.execute(sql`SELECT * FROM campaigns WHERE id = ${hostile}`)).catch((e: unknown) => e);
    expect(mapDatabaseError(viaSqlTag)).toBeInstanceOf(ValidationError);
    expect(await db.$count(campaigns, and(eq(campaigns.userId, userId)))).toBe(1);
  });

  test('TypeScript Types: the guide inferred types are the @org exports', () => {
    expectTypeOf<Campaign>().toEqualTypeOf<typeof campaigns.$inferSelect>();
    expectTypeOf<NewCampaign>().toEqualTypeOf<typeof campaigns.$inferInsert>();
    expectTypeOf<ScrapingJob>().toEqualTypeOf<typeof scrapingJobs.$inferSelect>();
    expectTypeOf<NewScrapingJob>().toEqualTypeOf<typeof scrapingJobs.$inferInsert>();
    expectTypeOf<ScrapingResult>().toEqualTypeOf<typeof scrapingResults.$inferSelect>();
    expectTypeOf<NewScrapingResult['jobId']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NewScrapingJob['campaignId']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<ScrapingJob['progress']>().toEqualTypeOf<string>();
    expectTypeOf<UserProfile['userId']>().toEqualTypeOf<string>();
    expectTypeOf<NewUserProfile['isAdmin']>().toEqualTypeOf<boolean | undefined>();
  });
});

describe('Connection Setup, pool settings and monitoring', () => {
  test('an unset DATABASE_URL is a ConfigurationError, not a silent embedded database', () => {
    expect(() => getDb(undefined)).toThrow(ConfigurationError);
    expect(() => productionDatabase('')).toThrow(ConfigurationError);
  });

  test.runIf(onPostgres)(
    'one pool per process across invocations; the production pool reports max 10 and its idle connections',
    async ({ isolatedDatabase }) => {
      const url = isolatedDatabase.url!;
      const first = getDb(url);
      try {
        expect(getDb(url)).toBe(first);
        expect((await first.db.select().from(campaigns)).length).toBe(0);
        expect((await first.healthCheck()).ok).toBe(true);
      } finally {
        await first.close();
      }
      const production = productionDatabase(url);
      try {
        await production.db.execute(sql`select 1`);
        const stats = connectionPoolStatus(production);
        expect(stats).toMatchObject({ max: 10, busy: 0, waiting: 0 });
        expect(stats!.idle).toBeGreaterThanOrEqual(1);
      } finally {
        await production.close();
      }
    },
  );

  test('Index Strategy and Index Usage Analysis: every index the guide lists exists, most-scanned first', async ({ db }) => {
    const usage = await indexUsageAnalysis(db);
    const names = usage.map((i) => i.index);
    for (const index of GUIDE_INDEXES) expect(names, index).toContain(index);
    const scans = usage.map((i) => Number(i.scans));
    expect(scans).toEqual([...scans].sort((a, b) => b - a));
  });

  test('Slow Query Identification: statements over the threshold, or a typed reason when pg_stat_statements is missing', async ({ db }) => {
    const slow = await slowQueries(db, 1000);
    if (slow.available) {
      for (const s of slow.statements) expect(s.meanTimeMs).toBeGreaterThan(1000);
    } else {
      expect(['NOT_AVAILABLE', 'NOT_INSTALLED', 'NOT_LOADED', 'NOT_PERMITTED']).toContain(slow.code);
      expect(slow.reason).toMatch(/pg_stat_statements/);
    }
    if (!onPostgres) expect(slow.available).toBe(false); // PGlite ships without the extension
  });
});

describe('Migration Management', () => {
  test('db:migrate on an up-to-date database applies nothing; the status lists every migration applied', async ({ isolatedDatabase }) => {
    const client = isolatedDatabase.client as MigrationClient;
    const result = await migrateDatabase(client);
    expect(result.applied).toEqual([]);
    const status = await migrationsStatus(client);
    expect(status.upToDate).toBe(true);
    expect(status.counts.applied).toBe(status.migrations.length);
    expect(status.migrations.map((m) => m.name)).toContain('0005_scraping_optional_parents');
  });
});
