import {
  analyticsEvents,
  campaigns,
  conversations,
  leads,
  messages,
  partners,
  projects,
  scrapingJobs,
  scrapingResults,
  sessions,
  systemConfigurations,
  userProfiles,
  users,
} from '@org/schema';
import { sql } from 'drizzle-orm';
import { execute, type OrgDb } from '../../../src/index.ts';
import { createParityProbes, parityProbes, probeRows } from './probeTable.ts';

/** A fixed uuid: the same ids on both engines. */
export const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A fixed, microsecond-free instant `minutes` after a base time: both engines hold it exactly. */
export const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000 + (minutes % 7) * 111);

/** Well-known rows of the seed. */
export const ids = {
  ada: id(1),
  zoe: id(2),
  gone: id(3),
  partner: id(20),
  partnerGone: id(21),
  campaign: id(40),
  job: id(41),
  conversation: id(60),
  project: (i: number) => id(100 + i),
  lead: (i: number) => id(200 + i),
} as const;

/**
 * The same rows on either engine, written in few statements like production data: Unicode, numerics
 * at their precision, jsonb with nesting, arrays (empty too), nulls, soft-deleted rows, ties in
 * sortable columns. Plus the {@link parityProbes} table with every other column type.
 */
export async function seedOrgRows(db: OrgDb): Promise<void> {
  await db.insert(users).values([
    // jsonb numbers beyond 2^53 and beyond float precision, as stored text: each driver parses them.
    {
      id: ids.ada,
      email: 'ada@example.test',
      name: 'Ada Lovelace 🧮',
      metadata: sql`'{"lastDevice": "pixel", "preferences": {"big": 12345678901234567890, "exact": 0.1, "n": 1.25}}'::jsonb`,
      lastLoginAt: at(5),
      createdAt: at(0),
      updatedAt: at(1),
    },
    { id: ids.zoe, email: 'zoë@example.test', name: 'Zoë Ωmega — 東京', metadata: {}, createdAt: at(10), updatedAt: at(10) },
    { id: ids.gone, email: 'gone@example.test', name: null, createdAt: at(20), updatedAt: at(20), deletedAt: at(30) },
  ]);
  await db.insert(userProfiles).values({
    id: id(9),
    userId: ids.ada,
    email: 'ada@example.test',
    fullName: 'Ada King',
    signupTimestamp: at(0),
    emailScheduleStatus: { welcome: { status: 'sent', at: '2026-01-01T00:00:00Z' } },
    isAdmin: true,
    createdAt: at(0),
    updatedAt: at(0),
  });
  await db.insert(projects).values(
    Array.from({ length: 7 }, (_, i) => ({
      id: ids.project(i),
      userId: i < 6 ? ids.ada : ids.zoe,
      name: ['Déjà vu', 'alpha', 'Alpha', 'beta 🚀', 'gamma', 'deleted one', 'zoë’s'][i]!,
      description: i % 2 ? null : `validation of idea ${i} — naïve café`,
      status: (['draft', 'active', 'completed'] as const)[i % 3]!,
      validationScore: [0, 100, 55, 55, 7, 3, 42][i]!,
      collectedData: i === 0 ? { useCases: ['a', 'ü'], actors: [{ name: 'Ω', type: 'human' }] } : null,
      createdAt: at(100 + i),
      // Ties: projects 1, 2 and 3 share updatedAt, so pages must break them by id.
      updatedAt: at(i >= 1 && i <= 3 ? 200 : 200 + i),
      deletedAt: i === 5 ? at(300) : null,
    })),
  );
  await db.insert(conversations).values({ id: ids.conversation, projectId: ids.project(0), title: 'Première', createdAt: at(110), updatedAt: at(110) });
  await db.insert(messages).values([
    { id: id(61), conversationId: ids.conversation, role: 'system', content: 'Hello ✨\nline two\ttab', createdAt: at(111) },
    { id: id(62), conversationId: ids.conversation, role: 'user', content: '', tokenCount: 2_147_483_647, createdAt: at(112) },
  ]);
  await db.insert(sessions).values([
    { id: id(70), userId: ids.ada, title: 'one', lastActiveAt: at(120), createdAt: at(120), updatedAt: at(120) },
    { id: id(71), userId: ids.ada, title: 'two', lastActiveAt: at(121), createdAt: at(121), updatedAt: at(121) },
    { id: id(72), userId: ids.zoe, title: 'three', lastActiveAt: at(122), createdAt: at(122), updatedAt: at(122) },
  ]);
  await db
    .insert(campaigns)
    .values({ id: ids.campaign, userId: ids.ada, name: 'Spring 🌸', searchType: 'keyword', status: 'active', createdAt: at(130), updatedAt: at(130) });
  await db.insert(scrapingJobs).values({
    id: ids.job,
    userId: ids.ada,
    campaignId: ids.campaign,
    keywords: ['a', 'b'],
    searchParams: { filters: { minFollowers: 1000, verifiedOnly: true }, sort: 'recent' },
    status: 'processing',
    processedRuns: 3,
    progress: '42.50',
    cursor: null,
    startedAt: at(131),
    createdAt: at(131),
    updatedAt: at(131),
  });
  await db.insert(scrapingResults).values([
    { id: id(42), jobId: ids.job, creators: [{ username: 'ü', followers: 12 } as never], createdAt: at(132) },
    { id: id(43), jobId: ids.job, creators: [], createdAt: at(132) },
  ]);
  await db.insert(systemConfigurations).values([
    { id: id(80), category: 'limits', key: 'max_upload', value: '104857600', valueType: 'number', createdAt: at(140), updatedAt: at(140) },
    {
      id: id(81),
      category: 'limits',
      key: 'timeout',
      value: '30 seconds',
      valueType: 'duration',
      description: 'per request',
      createdAt: at(140),
      updatedAt: at(140),
    },
    { id: id(82), category: 'flags', key: 'beta', value: 'true', valueType: 'boolean', isHotReloadable: false, createdAt: at(140), updatedAt: at(140) },
    { id: id(83), category: 'ui', key: 'theme', value: '{"colors":["#fff",1,null],"dense":true}', valueType: 'json', createdAt: at(140), updatedAt: at(140) },
    { id: id(84), category: 'ui', key: 'greeting', value: 'héllo — 世界', valueType: 'string', createdAt: at(140), updatedAt: at(140) },
  ]);
  await db.insert(partners).values([
    {
      id: ids.partner,
      name: 'Relief Co',
      type: 'settlement',
      statesLicensed: ['CA', 'TX'],
      minDebtAmount: '5000.00',
      maxDebtAmount: '99999999.99',
      acceptanceRate: '87.50',
      createdAt: at(150),
      updatedAt: at(150),
    },
    {
      id: ids.partnerGone,
      name: 'Gone LLC',
      type: 'legal',
      statesLicensed: [],
      minDebtAmount: '0.00',
      createdAt: at(151),
      updatedAt: at(151),
      deletedAt: at(152),
    },
  ]);
  await db.insert(leads).values(
    Array.from({ length: 6 }, (_, i) => ({
      id: ids.lead(i),
      name: ['Ana Núñez', 'Bob', 'Chloé Dupont', 'Dmitri Иванов', 'Eve', 'Frank'][i]!,
      email: `lead${i}@example.test`,
      phone: `+1555000${i}`,
      state: ['CA', 'TX', 'CA', 'NY', 'WA', 'CA'][i]!,
      debtAmount: ['12345.67', '99999999.99', '10000.00', '0.01', '50000.50', '10000.00'][i]!,
      debtTypes: [['credit_card', 'medical'], [], ['student', null as never], ['credit_card'], [], ['tax']][i]!,
      monthlyPayment: i % 2 ? null : '250.10',
      ipAddress: [null, '192.168.0.1', '2001:db8::1', null, '10.0.0.0', null][i],
      utmCampaign: i === 2 ? 'spring sale' : null,
      quizAnswers: i === 0 ? ({ debtSource: 'cards', answers: [1, 2, { deep: 'ü' }] } as never) : {},
      status: (['new', 'contacted', 'qualified', 'qualified', 'archived', 'qualified'] as const)[i]!,
      qualificationStatus: (['pending', null, 'qualified', 'qualified', 'unqualified', 'qualified'] as const)[i]!,
      partnerId: [ids.partner, null, ids.partner, ids.partnerGone, null, ids.partner][i]!,
      partnerMatched: i === 0 || i === 2,
      createdAt: at(160 + (i % 4)),
      updatedAt: at(170),
      deletedAt: i === 5 ? at(180) : null,
    })),
  );
  await db.insert(analyticsEvents).values([
    { id: id(90), leadId: ids.lead(0), eventType: 'quiz_started', properties: { step: 1, ok: true, note: null }, createdAt: at(161) },
    { id: id(91), leadId: ids.lead(0), userId: ids.ada, eventType: 'quiz_completed', properties: {}, createdAt: at(162) },
  ]);
  await execute(db, createParityProbes);
  await db.insert(parityProbes).values(probeRows);
}
