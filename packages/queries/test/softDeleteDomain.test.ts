import { orgTest as test } from '@org/testing/vitest';
import { describe, expect } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  createOrgRepositories,
  findMatchingPartners,
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
  matchLeadToPartner,
  rotateRefreshToken,
  searchLeads,
  searchProjects,
  setUserPreference,
  transferProject,
  upsertUserByEmail,
} from '../src/index.ts';

// Each test puts a live row beside a soft-deleted one that the domain read would match without the
// scope, so dropping the scope from any of these reads fails a test.
const DAY = 86_400_000;

describe('domain reads never show a soft-deleted row', () => {
  test('leads: stats, qualified list, email lookup, search and partner matching', async ({ db, factories }) => {
    const live = await factories.leads.create({ email: 'ada@example.test', name: 'Ada Lovelace', state: 'CA', debtAmount: '20000' }, { traits: ['qualified'] });
    const gone = await factories.leads.create(
      { email: 'ada@example.test', name: 'Ada Lovelace', state: 'CA', debtAmount: '30000', createdAt: new Date(Date.now() + 1000) },
      { traits: ['qualified', 'deleted'] },
    );
    expect((await getLeadStats(db, new Date(Date.now() - DAY))).totalLeads).toBe(1);
    expect((await getQualifiedLeadsWithPartners(db, { minDebt: '10000' })).map((r) => r.lead.id)).toEqual([live.id]);
    // The deleted lead is the newest with this email: the lookup must skip it.
    expect((await getLeadByEmail(db, 'ADA@example.test'))?.id).toBe(live.id);
    expect((await searchLeads(db, 'lovelace')).map((h) => h.lead.id)).toEqual([live.id]);
    await expect(findMatchingPartners(db, gone.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(matchLeadToPartner(db, gone.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('leads: a deleted partner is neither joined nor matched', async ({ db, factories }) => {
    const partner = await factories.partners.create({ statesLicensed: ['CA'], minDebtAmount: '5000', maxDebtAmount: null, acceptanceRate: '50' });
    const deleted = await factories.partners.create({
      statesLicensed: ['CA'],
      minDebtAmount: '5000',
      maxDebtAmount: null,
      acceptanceRate: '99',
      deletedAt: new Date(),
    });
    const lead = await factories.leads.create({ state: 'CA', debtAmount: '20000', partnerId: deleted.id }, { traits: ['qualified'] });
    expect((await getQualifiedLeadsWithPartners(db, { minDebt: '10000' })).map((r) => r.partnerName)).toEqual([null]);
    expect((await findMatchingPartners(db, lead.id)).map((p) => p.id)).toEqual([partner.id]);
    expect((await matchLeadToPartner(db, lead.id))?.partner.id).toBe(partner.id);
  });

  test('projects: relational read, transfer, stats and search', async ({ db, factories }) => {
    const [alice, bob] = await factories.users.createList(2);
    const live = await factories.projects.create({ userId: alice!.id, name: 'Invoice tracker', validationScore: 80 });
    const gone = await factories.projects.create({ userId: alice!.id, name: 'Invoice archive', validationScore: 90, deletedAt: new Date() });
    expect(await getProjectWithLatestConversation(db, gone.id)).toBeUndefined();
    expect((await getProjectWithLatestConversation(db, live.id))?.id).toBe(live.id);
    await expect(transferProject(db, { projectId: gone.id, fromUserId: alice!.id, toUserId: bob!.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getProjectStats(db, alice!.id)).toEqual([{ status: 'draft', count: 1, avgScore: 80 }]);
    expect((await searchProjects(db, { query: 'invoice' })).map((h) => h.project.id)).toEqual([live.id]);
  });

  test('users: sign-in upsert, token rotation, preferences, relational read and stats', async ({ db, factories }) => {
    const gone = await factories.users.create({ email: 'old@example.test', refreshToken: 't1' }, { traits: ['deleted'] });
    const live = await factories.users.create();
    // A deleted account's email starts a new account instead of reviving the deleted one.
    expect((await upsertUserByEmail(db, { email: 'old@example.test', name: 'New' })).id).not.toBe(gone.id);
    await expect(rotateRefreshToken(db, { userId: gone.id, presented: 't1', next: 't2' })).rejects.toBeInstanceOf(ConflictError);
    await expect(setUserPreference(db, gone.id, ['theme'], 'dark')).rejects.toBeInstanceOf(NotFoundError);
    expect(await getUserWithRecentSessions(db, gone.id)).toBeUndefined();
    expect((await getUserWithRecentSessions(db, live.id))?.id).toBe(live.id);
    const stats = await getUserSessionStats(db, new Date(Date.now() - DAY), 100);
    expect(stats.map((s) => s.id)).toContain(live.id);
    expect(stats.map((s) => s.id)).not.toContain(gone.id);
  });

  test('admins: a soft-deleted user is no admin and is not listed', async ({ db, factories }) => {
    const kept = await factories.userProfiles.create({}, { traits: ['admin'] });
    const fired = await factories.userProfiles.create({}, { traits: ['admin'] });
    await createOrgRepositories(db).users.softDelete(fired.userId);
    expect(await isAdmin(db, kept.userId)).toBe(true);
    expect(await isAdmin(db, fired.userId)).toBe(false);
    expect((await listAdmins(db)).map((a) => a.userId)).toEqual([kept.userId]);
  });

  test('campaigns: a job whose campaign is soft-deleted reads with campaign null, as its type says', async ({ db, factories }) => {
    const campaign = await factories.campaigns.create();
    const job = await factories.scrapingJobs.create({ campaignId: campaign.id, userId: campaign.userId });
    expect((await getJobWithResults(db, job.id))?.campaign?.id).toBe(campaign.id);
    await createOrgRepositories(db).campaigns.softDelete(campaign.id);
    const read = await getJobWithResults(db, job.id);
    expect(read?.id).toBe(job.id);
    expect(read?.campaign).toBeNull();
  });
});
