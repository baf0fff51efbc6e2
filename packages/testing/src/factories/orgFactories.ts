import { orgTables, type CreatorResult } from '@org/schema';
import { defineFactories } from './defineFactories.ts';
import { US_STATES, WORDS } from './sampleData.ts';

const DAY = 24 * 60 * 60 * 1000;

function creatorFor(i: number, word: string): CreatorResult {
  return {
    platform: 'TikTok',
    creator: { name: `${word} creator ${i}`, followers: 1_000 * (i + 1), uniqueId: `@${word}${i}`, emails: [] },
    video: {
      description: `${word} video ${i}`,
      url: `https://tiktok.example.test/@${word}${i}/video/${i}`,
      statistics: { views: 10_000 * (i + 1), likes: 500 * (i + 1), comments: 20 * i, shares: 5 * i },
    },
    hashtags: [`#${word}`],
  };
}

/**
 * Factories for every @org table, bound to a database: realistic defaults where derivation alone would
 * be bland, and the traits tests reach for.
 *
 * @example
 * const f = orgFactories(db, { seed: 7 });
 * const expired = await f.userProfiles.create({}, { traits: ['expiredTrial'] });
 * const leads = await f.leads.createList(20, {}, { traits: ['qualified'] });
 */
export const orgFactories = defineFactories(orgTables, {
  users: {
    defaults: ({ random }) => ({ metadata: { lastDevice: random.pick(['mac', 'linux', 'ios']) } }),
    traits: {
      deleted: () => ({ deletedAt: new Date() }),
      loggedIn: () => ({ lastLoginAt: new Date(), refreshToken: crypto.randomUUID() }),
    },
  },
  userProfiles: {
    defaults: ({ random }) => ({ fullName: `${random.pick(WORDS)} founder`, onboardingStep: 'completed' as const }),
    traits: {
      activeTrial: () => ({
        trialStatus: 'active' as const,
        subscriptionStatus: 'trialing' as const,
        trialStartDate: new Date(Date.now() - DAY),
        trialEndDate: new Date(Date.now() + 6 * DAY),
      }),
      expiredTrial: () => ({
        trialStatus: 'active' as const,
        subscriptionStatus: 'trialing' as const,
        trialStartDate: new Date(Date.now() - 10 * DAY),
        trialEndDate: new Date(Date.now() - 3 * DAY),
      }),
      admin: () => ({ isAdmin: true }),
      onboarding: () => ({ onboardingStep: 'info_captured' as const }),
    },
  },
  projects: {
    defaults: ({ random, sequence }) => ({
      name: `${random.pick(WORDS)} ${random.pick(WORDS)} ${sequence}`,
      description: `A product about ${random.pick(WORDS)} and ${random.pick(WORDS)}`,
      collectedData: { useCases: [`${random.pick(WORDS)} tracking`], actors: [{ name: 'Customer', type: 'primary' }] },
    }),
    traits: {
      active: () => ({ status: 'active' as const, validationScore: 70 }),
      completed: () => ({ status: 'completed' as const, validationScore: 100 }),
      deleted: () => ({ deletedAt: new Date() }),
    },
  },
  messages: {
    defaults: ({ random }) => ({ role: random.pick(['user', 'assistant'] as const) }),
  },
  artifacts: { defaults: ({ random }) => ({ type: random.pick(['use_case_diagram', 'spec', 'erd']) }) },
  activityLog: { defaults: () => ({ type: 'project_created' as const }) },
  partners: {
    defaults: ({ random, sequence }) => ({
      name: `${random.pick(WORDS)} Debt Relief ${sequence}`,
      type: random.pick(['settlement', 'counseling', 'consolidation'] as const),
      statesLicensed: [random.pick(US_STATES), random.pick(US_STATES)],
      minDebtAmount: '5000.00',
      maxDebtAmount: '100000.00',
      acceptanceRate: `${random.int(20, 95)}.00`,
    }),
  },
  leads: {
    defaults: ({ random }) => ({
      debtAmount: `${random.int(3, 90) * 1_000}.00`,
      debtTypes: [random.pick(['credit_card', 'medical', 'personal_loan', 'student_loan'])],
      creditScoreRange: random.pick(['300-579', '580-669', '670-739', '740-799']),
      utmSource: random.pick(['google', 'facebook', 'newsletter']),
      quizAnswers: { hardship: random.pick(['job_loss', 'medical', 'divorce']), behind_on_payments: random.next() > 0.5 },
    }),
    traits: {
      qualified: () => ({ status: 'qualified' as const, qualificationStatus: 'qualified' as const }),
      unqualified: () => ({ qualificationStatus: 'unqualified' as const }),
      archived: () => ({ status: 'archived' as const }),
      deleted: () => ({ deletedAt: new Date() }),
    },
  },
  analyticsEvents: {
    defaults: ({ random }) => ({
      eventType: random.pick(['quiz_started', 'quiz_step', 'quiz_completed', 'page_view']),
      pageUrl: 'https://freshslate.example.test/quiz',
    }),
  },
  campaigns: {
    defaults: ({ random }) => ({ name: `${random.pick(WORDS)} launch`, searchType: 'keyword' as const }),
    traits: { active: () => ({ status: 'active' as const }), deleted: () => ({ deletedAt: new Date() }) },
  },
  scrapingJobs: {
    defaults: ({ random }) => ({ keywords: [random.pick(WORDS), random.pick(WORDS)], targetResults: 100 }),
    traits: {
      processing: () => ({ status: 'processing' as const, startedAt: new Date() }),
      completed: () => ({ status: 'completed' as const, progress: '100', completedAt: new Date() }),
      similar: () => ({ keywords: null, targetUsername: '@originalcreator' }),
    },
  },
  scrapingResults: {
    defaults: ({ random }) => {
      const word = random.pick(WORDS);
      return { creators: [creatorFor(0, word), creatorFor(1, word)] };
    },
  },
  systemConfigurations: {
    defaults: ({ sequence, tag }) => ({
      category: 'test',
      key: `setting_${sequence}_${tag}`,
      value: String(sequence),
      valueType: 'number' as const,
    }),
  },
  wizardSubmissions: {
    defaults: ({ random }) => ({
      totalSteps: 5,
      answers: { goal: random.pick(['grow', 'launch', 'automate']) },
      primaryGoal: random.pick(['grow', 'launch', 'automate']),
    }),
    traits: {
      completed: () => ({ currentStep: 5, isCompleted: true, completedAt: new Date(), completedSteps: ['1', '2', '3', '4', '5'] }),
    },
  },
  auditLogs: { defaults: () => ({ action: 'INSERT' as const, tableName: 'users' }) },
});

/** @org factories bound to a database. */
export type OrgFactories = ReturnType<typeof orgFactories>;
