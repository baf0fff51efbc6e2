import { activityLog, analyticsEvents, auditLogs, campaigns, leads, scrapingJobs, scrapingResults, userProfiles, users, type CreatorResult } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq, isNull } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import {
  ConflictError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
  captureEmail,
  convertTrial,
  createCampaignWithJob,
  createLeadWithEvents,
  createProjectWithConversation,
  createUserWithSession,
  deleteInactiveSessions,
  expireTrials,
  findMatchingPartners,
  getAllCreatorsForJob,
  getConfig,
  getJobWithResults,
  getLeadByEmail,
  getLeadStats,
  getProjectStats,
  getProjectWithLatestConversation,
  getQualifiedLeadsWithPartners,
  getUserSessionStats,
  getUserWithRecentSessions,
  isAdmin,
  listAdmins,
  listConfigs,
  listPendingConvertkitSync,
  listProjectsByUser,
  orgRepositoriesFor,
  matchLeadToPartner,
  promoteToAdmin,
  recordConvertkitSync,
  recordJobProgress,
  recordWizardStep,
  rotateRefreshToken,
  saveJobResults,
  searchLeads,
  searchProjects,
  setConfig,
  setUserPreference,
  startTrial,
  transaction,
  transferProject,
  transitionJob,
  upsertUserByEmail,
} from '../src/index.ts';

const DAY = 86_400_000;

describe('leads', () => {
  test('stats: count, average debt, qualified count and distinct states of live leads', async ({ db, factories }) => {
    await factories.leads.createList(3, (i) => ({ state: ['CA', 'TX', 'CA'][i]!, debtAmount: ['10000.00', '20000.00', '30001.00'][i]! }));
    await factories.leads.create({ state: 'NY' }, { traits: ['qualified'] });
    await factories.leads.create({ state: 'WA' }, { traits: ['deleted'] });
    const stats = await getLeadStats(db, new Date(Date.now() - DAY));
    expect(stats.totalLeads).toBe(4);
    expect(stats.qualifiedCount).toBe(1);
    expect(stats.states).toEqual(['CA', 'NY', 'TX']);
    expect(typeof stats.avgDebtAmount).toBe('string');
    expect(await getLeadStats(db, new Date(Date.now() + DAY))).toEqual({ totalLeads: 0, avgDebtAmount: null, qualifiedCount: 0, states: [] });
  });

  test('qualified leads with their partner, above a debt floor', async ({ db, factories }) => {
    const partner = await factories.partners.create({ name: 'ABC Debt Relief' });
    await factories.leads.create({ debtAmount: '25000.00', partnerId: partner.id }, { traits: ['qualified'] });
    await factories.leads.create({ debtAmount: '15000.00' }, { traits: ['qualified'] });
    await factories.leads.create({ debtAmount: '5000.00' }, { traits: ['qualified'] });
    await factories.leads.create({ debtAmount: '50000.00' });
    const rows = await getQualifiedLeadsWithPartners(db, { minDebt: '10000' });
    expect(rows.map((r) => [r.lead.debtAmount, r.partnerName]).sort()).toEqual([
      ['15000.00', null],
      ['25000.00', 'ABC Debt Relief'],
    ]);
  });

  test('lead by email is case-insensitive and prepared', async ({ db, factories }) => {
    const lead = await factories.leads.create({ email: 'Ada@Example.test' });
    expect((await getLeadByEmail(db, 'ada@example.TEST'))?.id).toBe(lead.id);
    expect(await getLeadByEmail(db, 'nobody@example.test')).toBeUndefined();
  });

  test('lead with events is all or nothing', async ({ db }) => {
    const lead = await createLeadWithEvents(db, { name: 'Ada', email: 'ada@example.test', phone: '5555551234', state: 'CA', debtAmount: '25000' }, [
      { eventType: 'quiz_started' },
      { eventType: 'quiz_completed' },
    ]);
    expect(await db.$count(analyticsEvents, eq(analyticsEvents.leadId, lead.id))).toBe(2);
    await expect(
      transaction(db, (tx) =>
        createLeadWithEvents(tx, { name: 'Bob', email: 'bob@example.test', phone: '1', state: 'TX', debtAmount: '1' }, [{ eventType: 'x'.repeat(101) }]),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.$count(leads)).toBe(1);
  });

  test('full-text search ranks matches and takes any string safely', async ({ db, factories }) => {
    await factories.leads.create({ name: 'Ada Lovelace', utmCampaign: 'spring sale' });
    await factories.leads.create({ name: 'Grace Hopper', utmCampaign: 'winter' });
    const hits = await searchLeads(db, 'lovelace');
    expect(hits.map((h) => h.lead.name)).toEqual(['Ada Lovelace']);
    expect(hits[0]!.rank).toBeGreaterThan(0);
    for (const hostile of ["'; drop table leads; --", '!!&&||(((', '"unterminated', '🙂', '']) {
      expect(Array.isArray(await searchLeads(db, hostile))).toBe(true);
    }
  });

  test('partner matching by state, debt range and acceptance rate', async ({ db, factories }) => {
    const best = await factories.partners.create({ statesLicensed: ['CA'], minDebtAmount: '5000', maxDebtAmount: '50000', acceptanceRate: '90' });
    await factories.partners.create({ statesLicensed: ['ALL'], minDebtAmount: '5000', maxDebtAmount: null, acceptanceRate: '40' });
    await factories.partners.create({ statesLicensed: ['TX'], minDebtAmount: '5000', acceptanceRate: '99' });
    await factories.partners.create({ statesLicensed: ['CA'], minDebtAmount: '60000', maxDebtAmount: null, acceptanceRate: '95' });
    const lead = await factories.leads.create({ state: 'CA', debtAmount: '20000' });
    expect((await findMatchingPartners(db, lead.id)).map((p) => p.acceptanceRate)).toEqual(['90.00', '40.00']);
    const match = await matchLeadToPartner(db, lead.id);
    expect(match?.partner.id).toBe(best.id);
    expect(match?.lead).toMatchObject({ partnerId: best.id, partnerMatched: true });
    const loner = await factories.leads.create({ state: 'AK', debtAmount: '1000' });
    expect(await matchLeadToPartner(db, loner.id)).toBeNull();
    await expect(findMatchingPartners(db, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('projects', () => {
  test('project with its latest conversation and messages', async ({ db, factories }) => {
    const project = await createProjectWithConversation(db, { name: 'Atlas', userId: (await factories.users.create()).id }, 'You are an analyst.');
    const later = await factories.conversations.create({ projectId: project.id, title: 'second', createdAt: new Date(Date.now() + 1000) });
    await factories.messages.create({ conversationId: later.id, role: 'user', content: 'hello' });
    const read = await getProjectWithLatestConversation(db, project.id);
    expect(read?.conversations).toHaveLength(1);
    expect(read?.conversations[0]?.title).toBe('second');
    expect(read?.conversations[0]?.messages.map((m) => m.content)).toEqual(['hello']);
  });

  test('projects by user, paginated, newest update first', async ({ db, factories }) => {
    const user = await factories.users.create();
    await factories.projects.createList(12, (i) => ({ userId: user.id, updatedAt: new Date(Date.now() - i * 1000) }));
    const page = await listProjectsByUser(db, user.id, { page: 2, pageSize: 5 });
    expect(page).toMatchObject({ total: 12, pageCount: 3 });
    const all = await listProjectsByUser(db, user.id, { pageSize: 20 });
    expect(all.items.map((p) => p.updatedAt.getTime())).toEqual([...all.items.map((p) => p.updatedAt.getTime())].sort((a, b) => b - a));
  });

  test('transfer checks ownership and writes activity and audit entries atomically', async ({ db, factories }) => {
    const [alice, bob, eve] = await factories.users.createList(3);
    const project = await factories.projects.create({ userId: alice!.id });
    await expect(transaction(db, (tx) => transferProject(tx, { projectId: project.id, fromUserId: eve!.id, toUserId: bob!.id }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await db.$count(activityLog)).toBe(0);
    const moved = await transferProject(db, { projectId: project.id, fromUserId: alice!.id, toUserId: bob!.id });
    expect(moved.userId).toBe(bob!.id);
    expect(await db.select().from(activityLog)).toMatchObject([{ type: 'project_transfer', fromUserId: alice!.id, toUserId: bob!.id }]);
    expect(await db.$count(auditLogs, eq(auditLogs.recordId, project.id))).toBe(1);
    const toNobody = await transaction(db, (tx) => transferProject(tx, { projectId: project.id, fromUserId: bob!.id, toUserId: crypto.randomUUID() })).catch(
      (e: unknown) => e,
    );
    expect(toNobody).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION' });
    expect(await db.$count(activityLog)).toBe(1);
  });

  test('stats per status and full-text search with a score floor', async ({ db, factories }) => {
    const user = await factories.users.create();
    await factories.projects.create({ userId: user.id, name: 'Invoice tracker', validationScore: 80, status: 'active' });
    await factories.projects.create({ userId: user.id, name: 'Invoice archive', validationScore: 20 });
    await factories.projects.create({ userId: user.id, name: 'Garden planner', description: 'invoice free', validationScore: 90, status: 'active' });
    expect(await getProjectStats(db, user.id)).toEqual([
      { status: 'active', count: 2, avgScore: 85 },
      { status: 'draft', count: 1, avgScore: 20 },
    ]);
    const hits = await searchProjects(db, { query: 'invoice', minScore: 50 });
    expect(hits.map((h) => h.project.name)).toEqual(['Invoice tracker', 'Garden planner']);
  });
});

describe('campaigns and scraping jobs', () => {
  const creators = (n: number): CreatorResult[] =>
    Array.from({ length: n }, (_, i) => ({
      platform: 'Instagram',
      id: `ig${i}`,
      username: `user${i}`,
      full_name: `User ${i}`,
      is_private: false,
      is_verified: i % 2 === 0,
      profile_pic_url: 'https://x.test/p.jpg',
    }));

  test('campaign + job, progress, results flattening and the state machine', async ({ db, factories }) => {
    const user = await factories.users.create();
    const { campaign, job } = await createCampaignWithJob(
      db,
      user.id,
      { name: 'Fitness', searchType: 'keyword', status: 'active' },
      { platform: 'TikTok', keywords: ['fitness'], targetResults: 10 },
    );
    expect(job).toMatchObject({ campaignId: campaign.id, userId: user.id, status: 'pending' });

    await expect(transaction(db, (tx) => transitionJob(tx, job.id, 'completed'))).rejects.toBeInstanceOf(IllegalTransitionError);
    expect((await transitionJob(db, job.id, 'processing')).startedAt).toBeInstanceOf(Date);
    await saveJobResults(db, job.id, creators(3));
    const progressed = await saveJobResults(db, job.id, creators(4));
    expect(progressed.job).toMatchObject({ processedRuns: 2, processedResults: 7, progress: '70.00' });
    expect((await recordJobProgress(db, job.id, 100)).progress).toBe('100.00');

    const flat = await getAllCreatorsForJob(db, job.id);
    const withResults = await getJobWithResults(db, job.id);
    expect(withResults?.campaign?.id).toBe(campaign.id);
    expect(withResults?.results).toHaveLength(2);
    // Flattened in SQL in the same order as the batches read newest first, each batch in its order.
    expect(flat).toHaveLength(7);
    expect(flat).toEqual(withResults!.results.flatMap((r) => r.creators));

    const done = await transitionJob(db, job.id, 'completed');
    expect(done.completedAt).toBeInstanceOf(Date);
    const again = await transaction(db, (tx) => transitionJob(tx, job.id, 'processing')).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(IllegalTransitionError);
    expect((again as Error).message).toBe("scraping job cannot move from 'completed' to 'processing'");
    await expect(transitionJob(db, crypto.randomUUID(), 'processing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a job without a campaign and a batch without a job (#13): written, worked, read; a campaign takes its jobs and their batches with it', async ({
    db,
    factories,
  }) => {
    const user = await factories.users.create();
    const repos = orgRepositoriesFor(db);
    const lone = await repos.scrapingJobs.create({ userId: user.id, keywords: ['fitness'], targetResults: 10 });
    expect(lone.campaignId).toBeNull();
    await transitionJob(db, lone.id, 'processing');
    expect((await saveJobResults(db, lone.id, creators(5))).job.progress).toBe('50.00');
    const read = await getJobWithResults(db, lone.id);
    expect(read?.campaign).toBeNull();
    expect(read?.results).toHaveLength(1);
    const orphan = await repos.scrapingResults.create({ creators: creators(2) });
    expect(orphan.jobId).toBeNull();
    expect(await getAllCreatorsForJob(db, lone.id)).toHaveLength(5);

    // ON DELETE CASCADE is kept: a campaign's jobs go with it, and their batches with them.
    const { campaign, job } = await createCampaignWithJob(db, user.id, { name: 'Gone', searchType: 'keyword' }, { keywords: ['x'] });
    await saveJobResults(db, job.id, creators(1));
    await db.delete(campaigns).where(eq(campaigns.id, campaign.id));
    expect(await db.$count(scrapingJobs, eq(scrapingJobs.id, job.id))).toBe(0);
    expect(await db.$count(scrapingResults, eq(scrapingResults.jobId, job.id))).toBe(0);
    expect(await db.$count(scrapingJobs, eq(scrapingJobs.id, lone.id))).toBe(1);
    await db.delete(scrapingJobs).where(eq(scrapingJobs.id, lone.id));
    expect(await db.$count(scrapingResults, isNull(scrapingResults.jobId))).toBe(1);
    expect(await db.$count(scrapingResults)).toBe(1);
  });
});

describe('accounts', () => {
  test('trial start, expiry and conversion follow the state machine', async ({ db, factories }) => {
    const profile = await factories.userProfiles.create();
    const started = await startTrial(db, profile.userId, { now: new Date(Date.now() - 8 * DAY), days: 7 });
    expect(started).toMatchObject({ trialStatus: 'active', subscriptionStatus: 'trialing' });
    await expect(transaction(db, (tx) => startTrial(tx, profile.userId))).rejects.toBeInstanceOf(IllegalTransitionError);
    const fresh = await factories.userProfiles.create({}, { traits: ['activeTrial'] });
    const expired = await expireTrials(db);
    expect(expired.map((p) => p.id)).toEqual([profile.id]);
    expect((await db.select().from(userProfiles).where(eq(userProfiles.id, fresh.id)))[0]?.trialStatus).toBe('active');
    const converted = await convertTrial(db, profile.userId, { stripeCustomerId: 'cus_1', stripeSubscriptionId: 'sub_1' });
    expect(converted).toMatchObject({ trialStatus: 'converted', subscriptionStatus: 'active', stripeCustomerId: 'cus_1' });
  });

  test('admin check, promotion with audit, admin listing', async ({ db, factories }) => {
    const actor = await factories.userProfiles.create({}, { traits: ['admin'] });
    const target = await factories.userProfiles.create();
    expect(await isAdmin(db, target.userId)).toBe(false);
    expect(await isAdmin(db, crypto.randomUUID())).toBe(false);
    await promoteToAdmin(db, { targetUserId: target.userId, actorUserId: actor.userId });
    expect(await isAdmin(db, target.userId)).toBe(true);
    expect((await listAdmins(db)).map((a) => a.userId).sort()).toEqual([actor.userId, target.userId].sort());
    expect(Object.keys((await listAdmins(db))[0]!).sort()).toEqual(['email', 'fullName', 'isAdmin', 'updatedAt', 'userId']);
    expect(await db.$count(auditLogs, eq(auditLogs.recordId, target.id))).toBe(1);
  });

  test('sign-in upsert by email, token rotation, JSONB preference', async ({ db }) => {
    const first = await upsertUserByEmail(db, { email: 'ada@example.test', name: 'Ada' });
    const again = await upsertUserByEmail(db, { email: 'ada@example.test', name: null });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Ada');

    await db.update(users).set({ refreshToken: 't1' }).where(eq(users.id, first.id));
    expect((await rotateRefreshToken(db, { userId: first.id, presented: 't1', next: 't2' })).refreshToken).toBe('t2');
    await expect(rotateRefreshToken(db, { userId: first.id, presented: 't1', next: 't3' })).rejects.toBeInstanceOf(ConflictError);

    const themed = await setUserPreference(db, first.id, ['preferences', 'theme'], 'dark');
    expect(themed.metadata).toEqual({ preferences: { theme: 'dark' } });
    const deeper = await setUserPreference(db, first.id, ['preferences', 'editor', 'tabs'], 2);
    expect(deeper.metadata).toEqual({ preferences: { theme: 'dark', editor: { tabs: 2 } } });
    await expect(setUserPreference(db, first.id, ["x'}"], 1)).rejects.toBeInstanceOf(ValidationError);
  });

  test('user with session, recent sessions, stats and cleanup', async ({ db, factories }) => {
    const { user } = await createUserWithSession(db, { email: 'dev@example.test' });
    await factories.sessions.create({ userId: user.id, lastActiveAt: new Date(Date.now() - 40 * DAY) });
    expect((await getUserWithRecentSessions(db, user.id))?.sessions).toHaveLength(2);
    expect((await getUserSessionStats(db, new Date(Date.now() - DAY)))[0]).toMatchObject({ id: user.id, sessionCount: 2 });
    expect(await deleteInactiveSessions(db, user.id, new Date(Date.now() - 30 * DAY))).toBe(1);
  });
});

describe('configuration and marketing', () => {
  test('typed configuration by value_type', async ({ db }) => {
    await setConfig(db, { category: 'email', key: 'trial_day_2_delay', valueType: 'duration', value: { text: '2 days', ms: 0 } });
    await setConfig(db, { category: 'api', key: 'max_calls', valueType: 'number', value: 999 });
    await setConfig(db, { category: 'api', key: 'enabled', valueType: 'boolean', value: true });
    expect(await getConfig(db, 'email', 'trial_day_2_delay')).toMatchObject({ valueType: 'duration', value: { text: '2 days', ms: 2 * DAY } });
    expect(await getConfig(db, 'api', 'max_calls')).toMatchObject({ valueType: 'number', value: 999 });
    await setConfig(db, { category: 'api', key: 'max_calls', valueType: 'number', value: 1 });
    expect((await listConfigs(db, 'api')).map((c) => [c.row.key, c.value])).toEqual([
      ['enabled', true],
      ['max_calls', 1],
    ]);
    await expect(setConfig(db, { category: 'x', key: 'y', valueType: 'duration', value: { text: 'soon', ms: 0 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(getConfig(db, 'nope', 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('email capture handles the conflict and tracks the ConvertKit sync', async ({ db }) => {
    const first = await captureEmail(db, { email: ' Ada@Example.test ', source: 'wizard' });
    const second = await captureEmail(db, { email: 'ada@example.test', source: 'landing' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.capture).toMatchObject({ id: first.capture.id, email: 'ada@example.test', source: 'wizard' });
    expect((await listPendingConvertkitSync(db)).map((c) => c.id)).toEqual([first.capture.id]);
    await recordConvertkitSync(db, first.capture.id, { ok: true, subscriberId: 'ck_1' });
    expect(await listPendingConvertkitSync(db)).toEqual([]);
    await expect(captureEmail(db, { email: 'nope' })).rejects.toBeInstanceOf(ValidationError);
  });

  test('wizard steps merge answers and complete the run', async ({ db, factories }) => {
    const run = await factories.wizardSubmissions.create({ totalSteps: 2 });
    const one = await recordWizardStep(db, run.id, { step: 1, answers: { business_type: 'saas' }, timeSpentSeconds: 30 });
    expect(one).toMatchObject({ currentStep: 1, isCompleted: false, businessType: 'saas', completedSteps: ['1'] });
    const two = await recordWizardStep(db, run.id, { step: 2, answers: { primary_goal: 'grow' }, timeSpentSeconds: 12, wentBack: true });
    expect(two).toMatchObject({ currentStep: 2, isCompleted: true, primaryGoal: 'grow', timeSpentSeconds: 42, backNavigations: 1 });
    expect(two.answers).toMatchObject({ business_type: 'saas', primary_goal: 'grow' });
    expect(two.completedAt).toBeInstanceOf(Date);
  });
});
