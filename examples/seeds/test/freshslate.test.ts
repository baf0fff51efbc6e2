// Seed 000 (FreshSlate): every code example and query pattern of the team's database guide, written
// against @org in src/freshslate, run on the engine of this project (PGlite, or PostgreSQL in
// `seeds (postgres)`). Where @org has a ready function for a pattern, the test also checks the two agree.
// Longer than our ~200-line guide: one file per guide, its describe blocks following the guide's sections.
import { readMigrationFolder, orgMigrationsFolder } from '@org/migrations';
import {
  ConfigurationError,
  createDatabase,
  createRepository,
  getLeadByEmail as orgGetLeadByEmail,
  getLeadStats as orgGetLeadStats,
  getMigrationStatus,
  getQualifiedLeadsWithPartners as orgGetQualifiedLeadsWithPartners,
  indexUsage,
  isDataLayerError,
  searchLeads as orgSearchLeads,
  execute,
  type QueryLogEntry,
} from '@org/queries';
import { auditLogs, leadSchemas } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { createFreshslateDatabase, freshslateClientOptions } from '../src/freshslate/client.ts';
import { createLeadWithEvents } from '../src/freshslate/createLeadWithEvents.ts';
import { withDebugLogging } from '../src/freshslate/debugLogging.ts';
import { getLeadByEmail } from '../src/freshslate/leadByEmail.ts';
import { getLeadById, getLeadWithPartnerAndEvents, getQualifiedLeadsWithPartners } from '../src/freshslate/leadQueries.ts';
import { getLeadStats } from '../src/freshslate/leadStats.ts';
import { markLeadContacted } from '../src/freshslate/audit.ts';
import { explain, leadIndexes, slowQueries } from '../src/freshslate/operations.ts';
import { analyticsEvents, leads } from '../src/freshslate/schema.ts';
import { runMigrations, seed } from '../src/freshslate/scripts.ts';
import { searchLeads } from '../src/freshslate/search.ts';
import { getActiveLeads, softDeleteLead } from '../src/freshslate/softDelete.ts';
import { emptyDatabase } from './support/emptyDatabase.ts';

const DAY = 86_400_000;
const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';

describe('FreshSlate schema and seed', () => {
  test('the guide seed runs unchanged on the @org tables and reads back with their defaults', async ({ db }) => {
    const { testPartners, testLeads } = await seed(db);
    expect(testPartners.map((p) => [p.name, p.type, p.statesLicensed, p.minDebtAmount, p.maxDebtAmount])).toEqual([
      ['ABC Debt Relief', 'settlement', ['CA', 'TX', 'FL'], '10000.00', '100000.00'],
      ['Credit Counseling Corp', 'counseling', ['ALL'], '5000.00', '50000.00'],
    ]);
    const [first] = testLeads;
    expect(first).toMatchObject({ email: 'test1@example.com', debtAmount: '25000.00', debtTypes: ['credit_card', 'medical'] });
    // The guide's column defaults hold: status new, not matched, empty answers; timestamps are Dates.
    expect(first).toMatchObject({ status: 'new', partnerMatched: false, quizAnswers: {}, deletedAt: null, partnerId: null });
    expect(first!.createdAt).toBeInstanceOf(Date);
    expect(await db.$count(leads)).toBe(2);
  });

  test('the Lead and NewLead types and zod schemas refuse what the table would', async () => {
    const bad = leadSchemas.insert.safeParse({ name: 'x', email: 'x@example.test', phone: '1', state: 'CAL', debtAmount: '1' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain('state');
  });
});

describe('FreshSlate lead queries', () => {
  test('getLeadById: the row by key, undefined for an unknown key; soft-deleted rows too, as in the guide', async ({ db, factories }) => {
    const lead = await factories.leads.create({ name: 'Ada Lovelace' });
    expect((await getLeadById(db, lead.id))?.name).toBe('Ada Lovelace');
    expect(await getLeadById(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const gone = await factories.leads.create({}, { traits: ['deleted'] });
    expect((await getLeadById(db, gone.id))?.id).toBe(gone.id);
    // The @org repository read applies the soft-delete scope the guide adds later.
    expect(await createRepository(db, leads).findById(gone.id)).toBeUndefined();
  });

  test('qualified leads with partners: left join, debt floor, newest first; agrees with @org on live rows', async ({ db, factories }) => {
    const partner = await factories.partners.create({ name: 'ABC Debt Relief', acceptanceRate: '80.00' });
    const matched = await factories.leads.create({ debtAmount: '25000.00', partnerId: partner.id }, { traits: ['qualified'] });
    const unmatched = await factories.leads.create({ debtAmount: '15000.00' }, { traits: ['qualified'] });
    await factories.leads.create({ debtAmount: '5000.00' }, { traits: ['qualified'] });
    await factories.leads.create({ debtAmount: '50000.00' });
    const rows = await getQualifiedLeadsWithPartners(db);
    expect(rows.map((r) => [r.lead.id, r.partnerName, r.partnerAcceptanceRate]).sort()).toEqual(
      [
        [matched.id, 'ABC Debt Relief', '80.00'],
        [unmatched.id, null, null],
      ].sort(),
    );
    const ours = await orgGetQualifiedLeadsWithPartners(db, { minDebt: '10000' });
    expect(ours.map((r) => r.lead.id).sort()).toEqual(rows.map((r) => r.lead.id).sort());
  });

  test('leadsRelations: a lead with its partner and events', async ({ db, factories }) => {
    const partner = await factories.partners.create({ name: 'Credit Counseling Corp' });
    const lead = await factories.leads.create({ partnerId: partner.id });
    await factories.analyticsEvents.createList(2, (i) => ({ leadId: lead.id, eventType: ['quiz_started', 'quiz_completed'][i]! }));
    const found = await getLeadWithPartnerAndEvents(db, lead.id);
    expect(found?.partner?.name).toBe('Credit Counseling Corp');
    expect(found?.events.map((e) => e.eventType).sort()).toEqual(['quiz_completed', 'quiz_started']);
  });

  test('lead stats: numbers on both engines, [] and 0 for an empty period, equal to @org on live rows', async ({ db, factories }) => {
    await factories.leads.createList(3, (i) => ({ state: ['CA', 'TX', 'CA'][i]!, debtAmount: ['10000.00', '20000.00', '30001.00'][i]! }));
    await factories.leads.create({ state: 'NY', debtAmount: '40000.00' }, { traits: ['qualified'] });
    const stats = await getLeadStats(db, new Date(Date.now() - DAY));
    expect(stats).toEqual({ totalLeads: 4, avgDebtAmount: 25000.25, qualifiedCount: 1, states: ['CA', 'NY', 'TX'] });
    expect(typeof stats.totalLeads).toBe('number');
    const ours = await orgGetLeadStats(db, new Date(Date.now() - DAY));
    expect([ours.totalLeads, Number(ours.avgDebtAmount), ours.qualifiedCount, ours.states]).toEqual([4, 25000.25, 1, ['CA', 'NY', 'TX']]);
    expect(await getLeadStats(db, new Date(Date.now() + DAY))).toEqual({ totalLeads: 0, avgDebtAmount: null, qualifiedCount: 0, states: [] });
  });

  test('createLeadWithEvents: lead and events together; none without events; nothing when an event fails', async ({ db }) => {
    const base = { name: 'Grace Hopper', phone: '5555550000', state: 'VA', debtAmount: '12000' };
    const lead = await createLeadWithEvents(db, { ...base, email: 'grace@example.test' }, [{ eventType: 'quiz_started' }, { eventType: 'quiz_completed' }]);
    expect(await db.$count(analyticsEvents, eq(analyticsEvents.leadId, lead.id))).toBe(2);

    const alone = await createLeadWithEvents(db, { ...base, email: 'alone@example.test' }, []);
    expect(await db.$count(analyticsEvents, eq(analyticsEvents.leadId, alone.id))).toBe(0);

    // event_type is varchar(100): the second insert fails, and the lead written before it is gone.
    let caught: unknown;
    try {
      await createLeadWithEvents(db, { ...base, email: 'rolled-back@example.test' }, [{ eventType: 'x'.repeat(101) }]);
    } catch (error) {
      caught = error;
    }
    expect(isDataLayerError(caught)).toBe(true);
    expect(await db.$count(leads, eq(leads.email, 'rolled-back@example.test'))).toBe(0);
  });

  test('prepared getLeadByEmail binds each call; exact match, where @org ignores case and deleted rows', async ({ db, factories }) => {
    const ada = await factories.leads.create({ email: 'ada@example.test' });
    const bob = await factories.leads.create({ email: 'bob@example.test' });
    expect((await getLeadByEmail(db, 'ada@example.test'))?.id).toBe(ada.id);
    expect((await getLeadByEmail(db, 'bob@example.test'))?.id).toBe(bob.id);
    expect(await getLeadByEmail(db, 'ADA@example.test')).toBeUndefined();
    expect((await orgGetLeadByEmail(db, 'ADA@example.test'))?.id).toBe(ada.id);
    await softDeleteLead(db, ada.id);
    expect((await getLeadByEmail(db, 'ada@example.test'))?.id).toBe(ada.id);
    expect(await orgGetLeadByEmail(db, 'ada@example.test')).toBeUndefined();
  });
});

describe('FreshSlate common patterns', () => {
  test('soft delete: the guide update hides the lead from getActiveLeads and from the repository, restore brings it back', async ({ db, factories }) => {
    const [kept, gone] = await factories.leads.createList(2);
    await softDeleteLead(db, gone!.id);
    expect((await getActiveLeads(db)).map((l) => l.id)).toEqual([kept!.id]);
    const repo = createRepository(db, leads);
    expect((await repo.findMany()).map((l) => l.id)).toEqual([kept!.id]);
    expect((await repo.findById(gone!.id, { withDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
    await repo.restore(gone!.id);
    expect((await getActiveLeads(db)).map((l) => l.id).sort()).toEqual([kept!.id, gone!.id].sort());
  });

  test('audit: a raw SQL update is stamped by the updated_at trigger and logged with its user', async ({ db, factories }) => {
    const agent = await factories.users.create();
    const lead = await factories.leads.create();
    const contacted = await markLeadContacted(db, lead.id, agent.id);
    expect(contacted?.status).toBe('contacted');
    expect(contacted!.contactedAt).toBeInstanceOf(Date);
    expect(contacted!.updatedAt.getTime()).toBeGreaterThan(lead.updatedAt.getTime());
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.recordId, lead.id));
    expect(entries.map((e) => [e.action, e.tableName, e.userId, e.changes])).toEqual([
      ['UPDATE', 'leads', agent.id, { status: { from: 'new', to: 'contacted' } }],
    ]);
    expect(await markLeadContacted(db, '00000000-0000-4000-8000-000000000000', null)).toBeUndefined();
  });

  test('full-text search: plainto_tsquery on the generated vector, better match first; @org skips deleted leads', async ({ db, factories }) => {
    const twice = await factories.leads.create({ name: 'Ada Lovelace', utmCampaign: 'lovelace spring' });
    const once = await factories.leads.create({ name: 'Byron Lovelace', utmCampaign: 'autumn' });
    await factories.leads.create({ name: 'Grace Hopper' });
    expect((await searchLeads(db, 'Lovelace')).map((l) => l.id)).toEqual([twice.id, once.id]);
    expect(await searchLeads(db, 'nobody')).toEqual([]);
    await softDeleteLead(db, twice.id);
    expect((await orgSearchLeads(db, 'lovelace')).map((h) => h.lead.id)).toEqual([once.id]);
  });
});

describe('FreshSlate performance and troubleshooting', () => {
  test('the guide indexes exist on leads with their predicates, and index usage lists them', async ({ db }) => {
    const defs = await leadIndexes(db);
    const guide = [
      'idx_leads_created_at_desc',
      'idx_leads_email_lower',
      'idx_leads_status_qualified',
      'idx_leads_debt_amount',
      'idx_leads_state_debt',
      'idx_active_leads',
      'idx_partner_matching',
    ];
    expect(guide.filter((name) => !defs.has(name))).toEqual([]);
    expect(defs.get('idx_leads_email_lower')).toMatch(/lower\(email\)/);
    expect(defs.get('idx_active_leads')).toMatch(/WHERE .*archived.*partner_matched = false/);
    expect(defs.get('idx_partner_matching')).toMatch(/\(state, debt_amount, qualification_status\) WHERE \(partner_matched = false\)/);
    const used = new Set((await indexUsage(db, { schema: 'public' })).filter((i) => i.table === 'leads').map((i) => i.index));
    expect(guide.filter((name) => !used.has(name))).toEqual([]);
  });

  test('EXPLAIN shows the lower(email) lookup served by idx_leads_email_lower', async ({ db, factories }) => {
    await factories.leads.create({ email: 'Plan@Example.test' });
    // Small tables are cheaper to scan: keep the planner off sequential scans for this statement only
    // (SET LOCAL is undone when the test's savepoint rolls back).
    await db.execute(sql`set local enable_seqscan = off`);
    const plan = (await explain(db, sql`select id from leads where lower(email) = lower(${'plan@example.test'})`)).join('\n');
    expect(plan).toMatch(/idx_leads_email_lower/);
    const analyzed = (await explain(db, sql`select id from leads where lower(email) = 'plan@example.test'`, { analyze: true })).join('\n');
    expect(analyzed).toMatch(/actual rows=1(\.00)? /); // PostgreSQL 18 (PGlite) prints rows=1.00
  });

  test('slow queries: statements from pg_stat_statements, or why they are unavailable (never a raw error)', async ({ db }) => {
    const slow = await slowQueries(db);
    if (slow.available) {
      for (const s of slow.statements) expect(typeof s.meanTimeMs).toBe('number');
    } else {
      expect(slow.reason).toMatch(/pg_stat_statements/);
      if (!onPostgres) expect(slow.code).toBe('NOT_AVAILABLE');
    }
  });
});

describe('FreshSlate client, migrate and seed scripts', () => {
  test('an unset DATABASE_URL is a ConfigurationError; the pool settings are the guide ones', () => {
    expect(() => createFreshslateDatabase({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(freshslateClientOptions({ DATABASE_URL: 'postgres://u@h/d', NODE_ENV: 'production' })).toMatchObject({
      pool: { max: 20, idleTimeoutSeconds: 20, connectTimeoutSeconds: 10, maxLifetimeSeconds: 1800 },
      ssl: 'require',
      applicationName: 'freshslate-app',
    });
    expect(freshslateClientOptions({ DATABASE_URL: 'postgres://u@h/d' }).ssl).toBe(false);
  });

  test('on an empty database: migrate, status, seed, health check, pool and a redacted debug log', async () => {
    const empty = await emptyDatabase('seeds_freshslate');
    const entries: QueryLogEntry[] = [];
    const options = empty.url ? freshslateClientOptions({ DATABASE_URL: empty.url }) : { pglite: true as const };
    const database = createDatabase(withDebugLogging(options, (e) => entries.push(e)));
    try {
      const before = await getMigrationStatus(database);
      expect(before.upToDate).toBe(false);
      const files = readMigrationFolder(orgMigrationsFolder()).map((f) => f.name);
      expect((await runMigrations(database)).applied.map((m) => m.name)).toEqual(files);
      expect((await runMigrations(database)).applied).toEqual([]);
      expect(await getMigrationStatus(database)).toMatchObject({ upToDate: true, counts: { applied: files.length, pending: 0 } });

      const { testLeads } = await seed(database.db);
      expect(testLeads).toHaveLength(2);
      expect((await getLeadByEmail(database.db, 'test2@example.com'))?.state).toBe('TX');
      const logged = entries.find((e) => /from "leads" where "leads"."email" = \$1/.test(e.sql));
      expect(logged?.params).toEqual(['[redacted]']);
      expect(JSON.stringify(entries)).not.toContain('test2@example.com');

      const health = await database.healthCheck();
      expect(health.ok).toBe(true);
      expect(health.serverVersion).toMatch(/^\d+/);
      if (empty.engine === 'postgres') {
        expect(database.poolStats()).toMatchObject({ max: 20 });
        const names = await execute<{ application_name: string }>(database.db, sql`select application_name from pg_stat_activity where pid = pg_backend_pid()`);
        expect(names[0]?.application_name).toBe('freshslate-app');
      } else {
        expect(database.poolStats()).toBeUndefined();
      }
    } finally {
      await database.close();
      await empty.drop();
    }
  });
});
