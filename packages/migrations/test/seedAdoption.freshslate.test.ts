// Seed 000 (FreshSlate): its Prisma-Migrate-built database (fixtures/seeds/000_freshslate.sql, with
// `_prisma_migrations`), filled with realistic rows and edge cases, is adopted onto @org's migrations;
// every row is accounted for row for row, the bridged database is drift-free, the guide's queries run
// against @org's tables, and a database already at @org's schema is adopted with nothing to bridge.
// Over 200 lines on purpose: one story per team, read top to bottom (differences, refusal, bridge, rows,
// drift, the guide's queries); splitting it would scatter the pinned findings across files.
import { readFileSync } from 'node:fs';
import { analyticsEvents, leads, partners } from '@org/schema';
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { adoptDatabase, checkDrift, migrate, MigrationFailedError, readMigrationFolder } from '../src/index.ts';
import type { SchemaDifference } from '../src/index.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { buildOrgSchemaWithoutJournal, countRows, digest, epoch, orgDb, orgFolder, pasteManualStep, runScript, seedFixture } from './support/seedTeam.ts';

const TEAM_TABLES = ['partners', 'leads', 'analytics_events', '_prisma_migrations'];
const LEAD_1 = 'b0000000-0000-4000-8000-000000000001';
const IMPORTED = 'b0000000-0000-4000-8000-0000000000a6'; // written 'B0000000-…-0000000000A6' in the TEXT id
const ABC = 'a0000000-0000-4000-8000-000000000001';

const line = (d: SchemaDifference) =>
  `${d.change} ${d.object} ${d.table ? `${d.table}.` : ''}${d.name}${d.liveName ? ` (was ${d.liveName})` : ''}${d.fields ? ` (${d.fields.map((f) => `${f.field}: ${f.live} -> ${f.expected}`).join('; ')})` : ''}`;

/**
 * Each team table's content, spelled so the team's types and @org's read the same: ids lower-cased
 * (a TEXT id may be upper case, a uuid prints lower), timestamps as epoch seconds (a naive UTC
 * TIMESTAMP(3) and its timestamptz agree), arrays and JSON as text. `after` names @org's columns where
 * the team's were renamed; the NULL arrays and JSON the manual step fills read as the empty value.
 */
function contents(after: boolean) {
  const filled = (c: string, empty: string) => (after ? c : `coalesce(${c}, ${empty})`);
  return {
    partners: [
      'lower(id::text)',
      [
        'id::text',
        'name',
        'type',
        filled('states_licensed', `'{}'`),
        'min_debt_amount',
        'max_debt_amount',
        'acceptance_rate',
        'contact_email',
        'is_active',
        epoch('created_at'),
        epoch('updated_at'),
      ],
    ],
    leads: [
      'lower(id::text)',
      [
        'lower(id::text)',
        'name',
        'email',
        'phone',
        'state',
        'debt_amount',
        filled('debt_types', `'{}'`),
        'monthly_payment',
        'credit_score_range',
        'utm_source',
        'utm_medium',
        'utm_campaign',
        'gclid',
        'fbclid',
        'ip_address',
        'user_agent',
        'md5(user_agent)',
        'session_id',
        filled('quiz_answers', `'{}'::jsonb`),
        'status',
        'qualification_status',
        'partner_matched',
        'partner_id',
        epoch('created_at'),
        epoch('updated_at'),
        epoch('contacted_at'),
        epoch('converted_at'),
        epoch('deleted_at'),
        after ? 'search_text' : 'search_vector',
      ],
    ],
    analytics_events: [
      'lower(id::text)',
      ['lower(id::text)', 'lower(lead_id::text)', 'session_id', 'event_type', 'page_url', 'referrer', filled('properties', `'{}'::jsonb`), epoch('created_at')],
    ],
    _prisma_migrations: [
      'id',
      ['id', 'checksum', 'migration_name', epoch('started_at'), epoch('finished_at'), 'applied_steps_count', 'logs', 'rolled_back_at'],
    ],
  } as const;
}

describe.each(engines)('seed 000 (FreshSlate, Prisma Migrate) adoption on %s', (engine) => {
  const scratch = scratchSuite(engine);
  async function digests(after: boolean) {
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const [table, [key, columns]] of Object.entries(contents(after))) out[table] = await digest(scratch(), table, key, columns);
    return out;
  }

  it("reports the differences, stops on Prisma's NULL lists and JSON with the bridge as written, and with the team's manual step is bridged: every row kept, drift-free, the guide's queries run", async () => {
    const folder = orgFolder();
    try {
      await runScript(scratch(), seedFixture('000_freshslate.sql'));
      await runScript(scratch(), seedFixture('000_freshslate.rows.sql'));
      const before = await countRows(scratch(), TEAM_TABLES);
      expect(before).toEqual({ partners: 3, leads: 6, analytics_events: 4, _prisma_migrations: 3 });
      const contentBefore = await digests(false);

      // 1. What adopt reports about the team's tables (the tables only @org has are missing, whole).
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.outcome).toBe('bridge-written');
      const onTeamTables = first.differences.filter((d) => /^public\.(leads|partners|analytics_events|_prisma_migrations)$/.test(d.table ?? d.name)).map(line);
      expect(onTeamTables).toEqual(
        expect.arrayContaining([
          'extra table public._prisma_migrations',
          'changed column public.leads.id (type: text -> uuid; default: (none) -> gen_random_uuid())',
          'changed column public.analytics_events.lead_id (type: text -> uuid)',
          'changed column public.leads.created_at (type: timestamp(3) without time zone -> timestamp with time zone)',
          'changed column public.leads.updated_at (type: timestamp(3) without time zone -> timestamp with time zone; default: (none) -> now())',
          "changed column public.leads.debt_types (not null: false -> true; default: (none) -> '{}'::text[])",
          "changed column public.leads.quiz_answers (not null: false -> true; default: (none) -> '{}'::jsonb)",
          "changed column public.partners.states_licensed (not null: false -> true; default: (none) -> '{}'::text[])",
          'missing column public.partners.deleted_at',
          'missing column public.analytics_events.user_id',
          'extra constraint public.leads.leads_partner_id_fkey',
          'missing constraint public.leads.leads_partner_id_partners_id_fk',
          'missing constraint public.leads.leads_status_check',
          'renamed index public.leads.idx_leads_email (was leads_email_idx)',
          'renamed index public.analytics_events.idx_analytics_events_lead_id (was analytics_events_lead_id_idx)',
          'extra index public.leads.leads_created_at_idx',
          'extra trigger public.leads.update_leads_updated_at',
          'missing trigger public.leads.leads_set_updated_at',
        ]),
      );
      // Prisma's DESC is NULLS FIRST, drizzle's .desc() NULLS LAST: the guide's own indexes differ too.
      expect(onTeamTables).toContain(
        "changed index public.leads.idx_active_leads (definition: CREATE INDEX ON public.leads USING btree (created_at DESC) WHERE (((status)::text <> 'archived'::text) AND (partner_matched = false)) -> CREATE INDEX ON public.leads USING btree (created_at DESC NULLS LAST) WHERE (((status)::text <> 'archived'::text) AND (partner_matched = false)))",
      );
      expect(onTeamTables.find((d) => d.startsWith('changed column public.leads.search_vector'))).toMatch(
        /^changed column public\.leads\.search_vector \(type: text -> tsvector; generated: \(none\) -> to_tsvector\('english'/,
      );
      expect(onTeamTables.filter((d) => d.includes('timestamp(3) without time zone -> timestamp with time zone'))).toHaveLength(8);
      // Prisma's journal holds its history: kept, never dropped; the team's trigger function too.
      expect(first.kept.map((d) => `${d.object} ${d.name} ${d.holdsData}`)).toEqual([
        'function public.update_updated_at() undefined',
        'table public._prisma_migrations true',
      ]);
      expect(first.review).toEqual(
        expect.arrayContaining([
          'public.leads.debt_types becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first',
          'public.leads.quiz_answers becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first',
          'public.partners.states_licensed becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first',
          'public.analytics_events.properties becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first',
        ]),
      );
      expect(first.review.some((r) => r.startsWith('public.leads.search_vector: generated expression differs'))).toBe(true);
      const written = readFileSync(first.bridgeFile!, 'utf8');
      expect(written).not.toMatch(/\bDROP (TABLE|COLUMN)\b/);

      // 2. The bridge as written stops on the first NULL list or JSON (23502), rolls back, records nothing.
      const refused = await adoptDatabase(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationFailedError);
      expect(refused).toMatchObject({ sqlState: '23502' });
      expect(await countRows(scratch(), TEAM_TABLES)).toEqual(before);
      expect(await digests(false)).toEqual(contentBefore);
      expect(await scratch().rows(`select to_regclass('public.users') as users, to_regclass('public.org_migrations') as journal`)).toEqual([
        { users: null, journal: null },
      ]);

      // 3. With the team's manual step (backfill, keep the text search column, UTC): bridged.
      pasteManualStep(first.bridgeFile!, seedFixture('000_freshslate.manual.sql'));
      // Attack the time-zone assumption: on a session far from UTC the naive timestamps must still come
      // over as UTC (the step pins TimeZone for the bridge's transaction). PGlite is one session, so the
      // setting reaches adopt's connection; a postgres.js pool connection would not be the one set here.
      if (engine === 'pglite') await scratch().rows(`set timezone to 'Asia/Kolkata'`);
      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(second.remaining.map(line)).toEqual([]);
      expect(second.outcome).toBe('bridged');
      const files = readMigrationFolder(folder.dir).map((f) => f.name);
      expect(second.recorded).toEqual(files);

      // 4. Every row accounted for: the same counts, and row for row the same keys and values.
      expect(await countRows(scratch(), TEAM_TABLES)).toEqual(before);
      expect(await digests(true)).toEqual(contentBefore);
      expect(
        await scratch().rows(
          `select id::text, quiz_answers::text as q, debt_types::text as t from leads where id in ('${LEAD_1}', 'b0000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000005') order by id`,
        ),
      ).toEqual([
        { id: LEAD_1, q: '{"step": 5, "hardship": true, "monthly_income": "4000-5999"}', t: '{credit_card,medical}' },
        { id: 'b0000000-0000-4000-8000-000000000004', q: '{}', t: '{}' }, // SQL NULLs, filled
        { id: 'b0000000-0000-4000-8000-000000000005', q: 'null', t: '{medical,"student loan","tax, federal"}' }, // a JSON null stays
      ]);
      // Timestamps: Prisma's UTC wall-clock times, now instants; microseconds were already cut to ms by TIMESTAMP(3).
      expect(await scratch().rows(`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as t from leads where id = '${LEAD_1}'`)).toEqual([
        { t: '2024-03-05 10:15:30.123000' },
      ]);
      expect(await scratch().rows(`select count(*)::int as n from partners where deleted_at is not null`)).toEqual([{ n: 0 }]);

      // 5. Adopted means identical: no drift, nothing for migrate, adopt refuses a second time.
      expect(await checkDrift(scratch().client, { folder: folder.dir })).toMatchObject({ drifted: false, differences: [] });
      expect((await migrate(scratch().client, { folder: folder.dir })).applied).toEqual([]);
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(/already records/);

      // 6. The guide's queries, as written, against @org's tables.
      const db = orgDb(scratch());
      expect((await db.select().from(leads).where(eq(leads.id, IMPORTED)).limit(1))[0]).toMatchObject({
        email: 'IMPORT@EXAMPLE.COM',
        quizAnswers: { source: 'spreadsheet', note: 'quote " and backslash \\' },
      });
      const qualified = await db
        .select({ lead: leads, partnerName: partners.name, partnerAcceptanceRate: partners.acceptanceRate })
        .from(leads)
        .leftJoin(partners, eq(leads.partnerId, partners.id))
        .where(and(eq(leads.qualificationStatus, 'qualified'), gte(leads.debtAmount, '10000')))
        .orderBy(desc(leads.createdAt))
        .limit(100);
      expect(qualified.map((q) => [q.lead.name, q.partnerName, q.partnerAcceptanceRate])).toEqual([
        ['José Ñúñez-Ørsted 李雷 🚀', 'Credit Counseling Corp', null],
        ['Test User 1', 'ABC Debt Relief', '72.50'],
      ]);
      const [stats] = await db
        .select({
          totalLeads: sql<number>`count(*)::int`,
          avgDebtAmount: sql<string>`round(avg(${leads.debtAmount}), 2)::text`,
          qualifiedCount: sql<number>`count(*) filter (where ${leads.qualificationStatus} = 'qualified')::int`,
          states: sql<string[]>`array_agg(distinct ${leads.state})`,
        })
        .from(leads)
        .where(gte(leads.createdAt, new Date('2024-03-01T00:00:00Z')));
      expect(stats).toEqual({ totalLeads: 4, avgDebtAmount: '25012500.12', qualifiedCount: 2, states: ['CA', 'FL', 'NY'] });
      const prepared = db
        .select()
        .from(leads)
        .where(eq(leads.email, sql.placeholder('email')))
        .prepare('getLeadByEmail');
      expect((await prepared.execute({ email: 'test1@example.com' })).map((l) => l.id)).toEqual([LEAD_1]); // not its Test1@Example.COM twin
      expect((await db.select({ id: leads.id }).from(leads).where(isNull(leads.deletedAt))).length).toBe(5);
      const found = await db
        .select({ id: leads.id })
        .from(leads)
        .where(sql`${leads.searchVector} @@ plainto_tsquery('english', ${'spring debt'})`)
        .orderBy(sql`ts_rank(${leads.searchVector}, plainto_tsquery('english', ${'spring debt'})) DESC`);
      expect(found.map((f) => f.id).sort()).toEqual([LEAD_1, 'b0000000-0000-4000-8000-000000000002']);
      const lead = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(leads)
          .values({
            name: 'Test User 3',
            email: 'test3@example.com',
            phone: '5555550003',
            state: 'CA',
            debtAmount: '25000',
            debtTypes: ['credit_card'],
            partnerId: ABC,
          })
          .returning();
        await tx.insert(analyticsEvents).values([{ leadId: created!.id, eventType: 'lead_created' }]);
        return created!;
      });
      await db.update(leads).set({ deletedAt: new Date() }).where(eq(leads.id, lead.id));
      expect((await db.select({ id: leads.id }).from(leads).where(isNull(leads.deletedAt))).length).toBe(5);
      expect(await scratch().rows(`select count(*)::int as n from analytics_events where lead_id = $1`, [lead.id])).toEqual([{ n: 1 }]);
    } finally {
      folder.remove();
    }
  }, 180_000);

  it('adopts a database already at @org schema with nothing to bridge; with Prisma history kept, the bridge only keeps it', async () => {
    const folder = orgFolder();
    try {
      await buildOrgSchemaWithoutJournal(scratch());
      // A FreshSlate database after it converged on @org's schema, but still holding Prisma's journal.
      const prisma = seedFixture('000_freshslate.sql');
      await runScript(scratch(), prisma.slice(prisma.indexOf('CREATE TABLE IF NOT EXISTS "_prisma_migrations"')));
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.differences.map(line)).toEqual(['extra table public._prisma_migrations']);
      expect(first.outcome).toBe('bridge-written');
      const written = readFileSync(first.bridgeFile!, 'utf8');
      expect(written).toContain('-- org-migrate:keep table public._prisma_migrations -- holds data');
      expect(written.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('--'))).toEqual([]);
      // Once the kept table is written down there is nothing left to convert: the bridge, holding only
      // its keep line, is recorded with the migrations, none of them run.
      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(second).toMatchObject({ outcome: 'adopted', differences: [], recorded: readMigrationFolder(folder.dir).map((f) => f.name) });
      expect(await scratch().rows(`select count(*)::int as n from _prisma_migrations`)).toEqual([{ n: 3 }]);
      expect(await checkDrift(scratch().client, { folder: folder.dir })).toMatchObject({ drifted: false });

      // Without Prisma's journal (or once the team dropped it): identical, recorded as adopted at once.
      await scratch().reset();
      await buildOrgSchemaWithoutJournal(scratch());
      const clean = orgFolder();
      try {
        const adopted = await adoptDatabase(scratch().client, { folder: clean.dir });
        expect(adopted).toMatchObject({ outcome: 'adopted', differences: [] });
        expect(adopted.bridgeFile).toBeUndefined();
        expect(await scratch().rows(`select count(*)::int as n from org_migrations where adopted`)).toEqual([{ n: readMigrationFolder(clean.dir).length }]);
      } finally {
        clean.remove();
      }
    } finally {
      folder.remove();
    }
  }, 120_000);
});
