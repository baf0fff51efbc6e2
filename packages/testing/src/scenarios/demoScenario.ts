import { systemConfigurations, type User } from '@org/schema';
import type { AnyTestDb } from '../engine/TestDatabase.ts';
import { orgFactories } from '../factories/orgFactories.ts';

/** Options of {@link seedDemoScenario}. */
export interface DemoScenarioOptions {
  /** Reproducible data. Default 2026. */
  seed?: number;
  /** Leads to create (the other volumes scale with it). Default 60. */
  leads?: number;
  /** Called after each step, for progress output. */
  onStep?: (step: string) => void;
}

/**
 * The `demo` data set: a related graph across every domain module — users with profiles (an admin,
 * an active and an expired trial, a soft-deleted account), projects with conversations, messages,
 * artifacts and activity, partners and leads with funnel events, campaigns with jobs and results,
 * the seed's system configurations, email captures with wizard runs, sessions with prompts, and
 * audit entries. Used by the demo app and by tests that want realistic data.
 *
 * @example
 * const demo = await seedDemoScenario(db, { leads: 20 });
 * console.log(demo.users.length, demo.leads.length);
 */
export async function seedDemoScenario(db: AnyTestDb, options: DemoScenarioOptions = {}) {
  const f = orgFactories(db, { seed: options.seed ?? 2026 });
  const step = options.onStep ?? (() => {});
  const leadCount = options.leads ?? 60;

  const users = await f.users.createList(6, (i) => ({
    name: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Barbara Liskov', 'Donald Knuth', 'Margaret Hamilton'][i],
  }));
  const [ada, grace, alan, barbara, donald] = users as [User, User, User, User, User, User];
  await f.users.create({ name: 'Former User' }, { traits: ['deleted'] });
  const profiles = [
    await f.userProfiles.create({ userId: ada.id, email: ada.email }, { traits: ['admin'] }),
    await f.userProfiles.create({ userId: grace.id, email: grace.email }, { traits: ['activeTrial'] }),
    await f.userProfiles.create({ userId: alan.id, email: alan.email }, { traits: ['expiredTrial'] }),
    await f.userProfiles.create({ userId: barbara.id, email: barbara.email }, { traits: ['onboarding'] }),
  ];
  step('users and profiles');

  const projects = [
    ...(await f.projects.createList(3, { userId: ada.id }, { traits: ['active'] })),
    ...(await f.projects.createList(2, { userId: grace.id })),
    await f.projects.create({ userId: alan.id, name: 'Retired prototype' }, { traits: ['deleted'] }),
  ];
  for (const project of projects.slice(0, 5)) {
    const conversations = await f.conversations.createList(2, { projectId: project.id });
    for (const conversation of conversations) {
      const start = Date.now() - 60_000;
      await f.messages.createList(4, (i) => ({
        conversationId: conversation.id,
        role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
        // One INSERT shares one now(); spaced times keep the conversation in order.
        createdAt: new Date(start + i * 1_000),
      }));
    }
    await f.artifacts.create({ projectId: project.id });
    await f.activityLog.create({ projectId: project.id, fromUserId: project.userId });
  }
  step('projects, conversations and messages');

  const partners = await f.partners.createList(4);
  const leads = await f.leads.createList(leadCount, (i) => ({
    ...(i % 3 === 0 ? { status: 'qualified' as const, qualificationStatus: 'qualified' as const } : {}),
    ...(i % 5 === 0 ? { partnerId: partners[i % partners.length]!.id, partnerMatched: true } : {}),
  }));
  for (const lead of leads.slice(0, Math.min(leadCount, 20))) {
    await f.analyticsEvents.createList(3, (i) => ({
      leadId: lead.id,
      eventType: ['quiz_started', 'quiz_step', 'quiz_completed'][i]!,
    }));
  }
  step('partners, leads and events');

  const campaigns = await f.campaigns.createList(2, { userId: grace.id }, { traits: ['active'] });
  const jobs = [
    await f.scrapingJobs.create({ campaignId: campaigns[0]!.id, userId: grace.id }, { traits: ['completed'] }),
    await f.scrapingJobs.create({ campaignId: campaigns[1]!.id, userId: grace.id, platform: 'YouTube' }),
  ];
  await f.scrapingResults.createList(3, { jobId: jobs[0]!.id });
  step('campaigns, jobs and results');

  const configs = await db
    .insert(systemConfigurations)
    .values([
      { category: 'email', key: 'trial_day_2_delay', value: '2 days', valueType: 'duration', description: 'Delay for day 2 trial email' },
      { category: 'email', key: 'trial_day_5_delay', value: '5 days', valueType: 'duration', description: 'Delay for day 5 trial email' },
      { category: 'email', key: 'trial_expiry_delay', value: '7 days', valueType: 'duration', description: 'Delay for trial expiry email' },
      { category: 'api', key: 'max_api_calls_testing', value: '1', valueType: 'number', description: 'API call limit for testing' },
      { category: 'api', key: 'max_api_calls_production', value: '999', valueType: 'number', description: 'API call limit for production' },
    ])
    // The seed's fixed settings: a second seeding of a persistent database keeps the first ones.
    .onConflictDoNothing()
    .returning();
  const emailCaptures = await f.emailCaptures.createList(8, (i) => ({ source: i % 2 ? 'wizard' : 'landing' }));
  for (const capture of emailCaptures.slice(0, 4)) {
    await f.wizardSubmissions.create({ emailCaptureId: capture.id }, { traits: ['completed'] });
  }
  const sessions = await f.sessions.createList(2, { userId: donald.id });
  await f.prompts.createList(3, { sessionId: sessions[0]!.id, userId: donald.id });
  await f.auditLogs.create({ userId: ada.id, action: 'INSERT', tableName: 'projects', recordId: projects[0]!.id });
  step('configuration, marketing, sessions and audit');

  return { users, profiles, projects, partners, leads, campaigns, jobs, configs, emailCaptures, sessions };
}

/** What {@link seedDemoScenario} created. */
export type DemoScenario = Awaited<ReturnType<typeof seedDemoScenario>>;
