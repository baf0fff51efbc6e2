// Seed 003 (the wizard app): its database, as drizzle-kit push built it (no migration journal) from the
// schema its guide describes, filled with realistic rows and #13's edge cases, is adopted onto @org's
// migrations; every row is accounted for, the bridged database is drift-free, and the team's documented
// operations run against @org's tables. A database already at @org's schema adopts with nothing to bridge.
// Over 200 lines on purpose: one team's whole story (fixtures, row projections, its operations) in one file.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import type { SchemaDifference } from '../src/index.ts';
import { adoptDatabase, checkDrift, ensureMigrations, MigrationAdoptError, MigrationFailedError, readMigrationFolder } from '../src/index.ts';
import { orgFolder, projection, rowCounts, rowText, runScript, seedFixture, sqlState, stateOf, utc, withManualStep } from './support/seedAdoption.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const TEAM_TABLES = ['email_captures', 'users', 'wizard_submissions', 'events'];
const COUNTS = { email_captures: 4, users: 3, wizard_submissions: 4, events: 6 };
const ZOE = 'b0000000-0000-4000-8000-000000000001';

/** A difference as one line: `changed column public.t.c (type: live -> expected)`. */
const line = (d: SchemaDifference) =>
  `${d.change} ${d.object} ${d.table ? `${d.table}.` : ''}${d.name}${d.liveName ? ` (was ${d.liveName})` : ''}${d.fields ? ` (${d.fields.map((f) => `${f.field}: ${f.live} -> ${f.expected}`).join('; ')})` : ''}`;

// Each team table's rows as text, naive timestamps before the move and timestamptz (read as UTC) after.
const emailCaptures = (naive: boolean) =>
  `select ${rowText('id', 'email', 'source', 'convertkit_subscriber_id', 'convertkit_sync_status', utc('convertkit_synced_at', naive), 'convertkit_sync_error', utc('processed_at', naive), utc('created_at', naive), utc('updated_at', naive))} as r from email_captures order by id`;
const users = (naive: boolean) =>
  `select ${rowText('id', 'email', 'name', 'company', 'email_capture_id', utc('converted_at', naive), utc('created_at', naive), utc('updated_at', naive))} as r from users order by id`;
const submissions = (naive: boolean) =>
  `select ${rowText('id', 'email_capture_id', 'user_id', 'session_id', 'current_step', 'total_steps', naive ? 'completed_steps' : 'to_jsonb(completed_steps)', 'is_completed', 'md5(answers::text)', 'business_type', 'primary_goal', 'budget_range', 'time_spent_seconds', 'back_navigations', utc('created_at', naive), utc('updated_at', naive), utc('completed_at', naive))} as r from wizard_submissions order by id`;
const events = (table: string, naive: boolean, payload: string) =>
  `select ${rowText('id', 'user_id', 'session_id', 'event_type', payload, utc('created_at', naive))} as r from ${table} order by id`;

describe.each(engines)('seed 003 (wizard app, drizzle-kit push) adoption on %s', (engine) => {
  const scratch = scratchSuite(engine);

  /** The team's database with its rows, and the bridge adopt wrote for it. */
  async function teamDatabase() {
    await runScript(scratch(), seedFixture('003_wizard.sql'));
    await runScript(scratch(), seedFixture('003_wizard.rows.sql'));
    expect(await rowCounts(scratch(), TEAM_TABLES)).toEqual(COUNTS);
    const folder = orgFolder();
    const first = await adoptDatabase(scratch().client, { folder: folder.dir });
    return { folder, first, written: readFileSync(first.bridgeFile!, 'utf8') };
  }

  it('reports the differences, keeps what holds data, notes that jsonb -> text[] has no cast, and the bridge as written fails there (42846) and is rolled back', async () => {
    const { folder, first, written } = await teamDatabase();
    try {
      expect(first.outcome).toBe('bridge-written');
      const lines = first.differences.map(line);
      expect(lines).toEqual(
        expect.arrayContaining([
          "changed column public.wizard_submissions.completed_steps (type: jsonb -> text[]; default: '[]'::jsonb -> '{}'::text[])",
          'changed column public.email_captures.email (type: text -> character varying(320))',
          'changed column public.email_captures.convertkit_sync_status (type: text -> character varying(20))',
          'changed column public.users.email (type: text -> character varying(320))',
          'changed column public.wizard_submissions.business_type (type: text -> character varying(100))',
          'renamed constraint public.email_captures.email_captures_email_key (was email_captures_email_unique)',
          'changed constraint public.wizard_submissions.wizard_submissions_user_id_users_id_fk (definition: FOREIGN KEY (user_id) REFERENCES users(id) -> FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL)',
          'missing column public.users.auth_provider',
          'missing column public.users.external_id',
          'missing column public.users.deleted_at',
          'missing column public.users.metadata',
          'missing column public.wizard_submissions.ip_address',
          'missing constraint public.email_captures.email_captures_convertkit_sync_status_check',
          'missing constraint public.wizard_submissions.wizard_submissions_step_check',
          'missing index public.users.users_email_live_key',
          'extra constraint public.users.users_email_unique',
          'extra constraint public.users.users_email_capture_id_email_captures_id_fk',
          'extra index public.wizard_submissions.idx_wizard_submissions_user_id',
          'extra column public.users.company',
          'extra column public.users.converted_at',
          'extra column public.users.email_capture_id',
          'extra table public.events',
          'missing table public.analytics_events',
        ]),
      );
      // Every timestamp of the three shared tables changes type (4 + 2 + 3); users.converted_at is kept as is.
      expect(lines.filter((l) => l.includes('timestamp without time zone -> timestamp with time zone'))).toHaveLength(9);
      // push leaves no journal: nothing is read as applied, nothing recorded.
      expect(first.recorded).toEqual([]);
      expect(first.kept.map((d) => `${d.object} ${d.table ? `${d.table}.` : ''}${d.name}${d.holdsData === undefined ? '' : ` ${d.holdsData}`}`)).toEqual([
        'table public.events true',
        'column public.users.company true',
        'column public.users.converted_at true',
        'column public.users.email_capture_id true',
        'constraint public.users.users_email_capture_id_email_captures_id_fk',
      ]);
      expect(written).toContain('-- org-migrate:keep table public.events -- holds data; pass --allow-drop to drop');
      expect(written).not.toMatch(/\bDROP (TABLE|COLUMN)\b/);
      // The kept users.email_capture_id keeps its foreign key; the team's unique email constraint and the
      // index on wizard_submissions.user_id (a column @org makes) go.
      expect(written).toContain('-- org-migrate:keep constraint public.users.users_email_capture_id_email_captures_id_fk\n');
      expect(written).not.toContain('DROP CONSTRAINT IF EXISTS "users_email_capture_id_email_captures_id_fk"');
      expect(written).toContain('ALTER TABLE "public"."users" DROP CONSTRAINT IF EXISTS "users_email_unique";');
      expect(written).toContain('DROP INDEX IF EXISTS "public"."idx_wizard_submissions_user_id";');
      // jsonb -> text[] has no cast: the bridge says so where it is written (the manual step converts it).
      expect(first.review).toEqual([
        'public.wizard_submissions.completed_steps: PostgreSQL has no cast from jsonb to text[], so the statement above fails (42846) whatever the rows hold; convert the column yourself before it (a USING expression of your own)',
      ]);

      // The bridge as written: PostgreSQL has no jsonb -> text[] cast. Rolled back whole, nothing recorded.
      const refused = await adoptDatabase(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationFailedError);
      expect(stateOf(refused)).toBe('42846');
      expect(await rowCounts(scratch(), TEAM_TABLES)).toEqual(COUNTS);
      expect(await scratch().rows(`select to_regclass('public.analytics_events') as events, to_regclass('public.org_migrations') as journal`)).toEqual([
        { events: null, journal: null },
      ]);
    } finally {
      folder.remove();
    }
  }, 60_000);

  it("with the team's reviewed bridge and manual step adopt completes, every row is accounted for, the database is drift-free and the team's operations run", async () => {
    const { folder, first, written } = await teamDatabase();
    try {
      const before = {
        emailCaptures: await projection(scratch(), emailCaptures(true)),
        users: await projection(scratch(), users(true)),
        submissions: await projection(scratch(), submissions(true)),
        events: await projection(scratch(), events('events', true, "md5(coalesce(properties, '{}')::text)")),
        eventsRaw: await projection(scratch(), events('events', true, 'md5(properties::text)')),
      };
      expect(before.submissions.join('\n')).toContain('["business", "goals", "budget", "timeline", "contact"]');

      writeFileSync(first.bridgeFile!, withManualStep(written, seedFixture('003_wizard.manual.sql')));
      const adopted = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: adopted.outcome, remaining: adopted.remaining.map(line) }).toEqual({ outcome: 'bridged', remaining: [] });
      const names = readMigrationFolder(folder.dir).map((f) => f.name);
      expect(adopted.recorded).toEqual(names);
      expect(await scratch().rows('select name, adopted from org_migrations order by name')).toEqual(
        names.map((name, i) => ({ name, adopted: i < names.length - 1 })),
      );

      // Every row of every team table, value for value (timestamps to the microsecond, JSON by md5).
      expect(await rowCounts(scratch(), ['email_captures', 'users', 'wizard_submissions', 'analytics_events', 'events_before_org'])).toEqual({
        email_captures: 4,
        users: 3,
        wizard_submissions: 4,
        analytics_events: 6,
        events_before_org: 6,
      });
      expect(await projection(scratch(), emailCaptures(false))).toEqual(before.emailCaptures);
      expect(await projection(scratch(), users(false))).toEqual(before.users);
      expect(await projection(scratch(), submissions(false))).toEqual(before.submissions);
      expect(await projection(scratch(), events('analytics_events', false, 'md5(properties::text)'))).toEqual(before.events);
      expect(await projection(scratch(), events('events_before_org', true, 'md5(properties::text)'))).toEqual(before.eventsRaw);
      // What @org adds is empty on the team's rows; the kept foreign key still holds.
      expect(
        await scratch().rows(
          `select count(*)::int as n from users where auth_provider is null and external_id is null and deleted_at is null and metadata = '{}' and refresh_token is null and last_login_at is null`,
        ),
      ).toEqual([{ n: 3 }]);
      expect(await scratch().rows(`select count(*)::int as n from pg_constraint where conname = 'users_email_capture_id_email_captures_id_fk'`)).toEqual([
        { n: 1 },
      ]);
      // Duplicate-looking emails stay two rows: @org's uniqueness is case-sensitive, like the team's.
      expect(await scratch().rows(`select email from email_captures where lower(email) = 'zoe.muller@example.com' order by email`)).toEqual([
        { email: 'Zoe.Muller@Example.com' },
        { email: 'zoe.muller@example.com' },
      ]);

      // Adopted once: a second adopt refuses and points at the drift check, which finds nothing.
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(MigrationAdoptError);
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(/check --drift/);
      const drift = await checkDrift(scratch().client, { folder: folder.dir });
      expect({ drifted: drift.drifted, differences: drift.differences.map(line) }).toEqual({ drifted: false, differences: [] });
      // The team's ensureMigrations() before every operation now finds nothing to run.
      expect((await ensureMigrations(scratch().client, { folder: folder.dir })).applied).toEqual([]);

      // The team's operations (guide: "Schema Features"), as it writes them against @org's tables.
      // Email capture with automatic conflict resolution: the same address updates, another case inserts.
      const capture = `insert into email_captures (email, source) values ($1, 'wizard_step_1')
        on conflict (email) do update set source = excluded.source returning id, (xmax = 0) as inserted`;
      expect(await scratch().rows(capture, ['zoe.muller@example.com'])).toEqual([{ id: 'a0000000-0000-4000-8000-000000000002', inserted: false }]);
      expect(await scratch().rows<{ inserted: boolean }>(capture, ['ZOE.MULLER@EXAMPLE.COM'])).toEqual([{ id: expect.any(String), inserted: true }]);
      // ConvertKit sync: pending captures oldest first, then marked synced.
      expect(await scratch().rows(`select email from email_captures where convertkit_sync_status = 'pending' order by created_at`)).toEqual([
        { email: 'björn.ångström@exämple.se' },
        { email: 'ZOE.MULLER@EXAMPLE.COM' },
      ]);
      expect(
        await scratch().rows(`update email_captures set convertkit_sync_status = 'synced', convertkit_subscriber_id = 'ck_2001', convertkit_synced_at = now()
        where email = 'björn.ångström@exämple.se' returning convertkit_sync_status`),
      ).toEqual([{ convertkit_sync_status: 'synced' }]);
      // A value outside @org's sync states is refused by the check the bridge added.
      expect(await sqlState(() => scratch().rows(`update email_captures set convertkit_sync_status = 'done' where email = 'li.wei+funnel@example.cn'`))).toBe(
        '23514',
      );
      // Step tracking: the next step of an abandoned run. completed_steps is text[] now: the team's
      // jsonb append (`|| '["goals"]'::jsonb`) fails; array_append is the one-line change.
      expect(
        await sqlState(() =>
          scratch().rows(`update wizard_submissions set completed_steps = completed_steps || '["goals"]'::jsonb where session_id = 'sess_anon_01'`),
        ),
      ).toBe('42883');
      expect(
        await scratch().rows(`update wizard_submissions set current_step = current_step + 1, completed_steps = array_append(completed_steps, 'goals'),
          answers = answers || '{"goals": ["more leads"]}', primary_goal = 'more leads', time_spent_seconds = time_spent_seconds + 30
        where session_id = 'sess_anon_01' returning current_step, completed_steps, answers->'goals' as goals`),
      ).toEqual([{ current_step: 3, completed_steps: ['business', 'goals'], goals: ['more leads'] }]);
      // Funnel analytics on the flat fields.
      expect(
        await scratch().rows(`select business_type, count(*)::int as runs, (count(*) filter (where is_completed))::int as completed
        from wizard_submissions group by business_type order by business_type nulls last`),
      ).toEqual([
        { business_type: 'ecommerce', runs: 1, completed: 1 },
        { business_type: 'saas', runs: 1, completed: 0 },
        { business_type: '制造业', runs: 1, completed: 1 },
        { business_type: null, runs: 1, completed: 0 },
      ]);
      // Conversion tracking: events now live in analytics_events; the team's old table name fails loudly.
      await scratch().rows(
        `insert into analytics_events (user_id, session_id, event_type, properties) values ($1, 'sess_9f8e7d', 'upgrade', '{"plan": "team"}')`,
        [ZOE],
      );
      expect(
        await scratch().rows(`select u.email, count(e.id)::int as conversions from users u
        join analytics_events e on e.user_id = u.id and e.event_type = 'converted' group by u.email order by u.email`),
      ).toEqual([
        { email: 'Zoe.Muller@Example.com', conversions: 1 },
        { email: 'li.wei+funnel@example.cn', conversions: 1 },
      ]);
      expect(await sqlState(() => scratch().rows(`select count(*) from events`))).toBe('42P01');
    } finally {
      folder.remove();
    }
  }, 90_000);

  it("a database already at @org's schema (the team's data moved by hand) adopts with nothing to bridge", async () => {
    const folder = orgFolder();
    try {
      for (const f of readMigrationFolder(folder.dir)) await runScript(scratch(), f.sql);
      await runScript(
        scratch(),
        `
        insert into email_captures (id, email, convertkit_sync_status, created_at) values ('a0000000-0000-4000-8000-000000000001', 'Zoe.Muller@Example.com', 'synced', '2024-05-01 10:00:00.000001+00');
        insert into users (id, email, name) values ('${ZOE}', 'Zoe.Muller@Example.com', 'Zoë Müller');
        insert into wizard_submissions (email_capture_id, user_id, session_id, total_steps, completed_steps, answers)
          values ('a0000000-0000-4000-8000-000000000001', '${ZOE}', 'sess_9f8e7d', 5, '{business,goals}', '{"goals": ["grow"]}');
        insert into analytics_events (user_id, event_type) values ('${ZOE}', 'converted');`,
      );
      const result = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: result.outcome, differences: result.differences.map(line) }).toEqual({ outcome: 'adopted', differences: [] });
      expect(result.recorded).toEqual(readMigrationFolder(folder.dir).map((f) => f.name));
      expect(readMigrationFolder(folder.dir).some((f) => f.name.endsWith('_adopt_bridge'))).toBe(false);
      expect(await rowCounts(scratch(), ['email_captures', 'users', 'wizard_submissions', 'analytics_events'])).toEqual({
        email_captures: 1,
        users: 1,
        wizard_submissions: 1,
        analytics_events: 1,
      });
      expect((await checkDrift(scratch().client, { folder: folder.dir })).drifted).toBe(false);
    } finally {
      folder.remove();
    }
  }, 60_000);
});
