// Seed 004 (claude_code): its database, as drizzle-kit migrate built it (claude_code_users with text ids,
// claude_code_sessions, drizzle's own journal with its rows), filled with realistic rows and #13's edge
// cases, is adopted onto @org's users and sessions; every row is accounted for (users by their external
// identity, sessions re-keyed), the bridged database is drift-free, and the team's documented queries run
// against @org's tables. A database already at @org's schema adopts with nothing to bridge.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import type { SchemaDifference } from '../src/index.ts';
import { adoptDatabase, checkDrift, MigrationAdoptError, migrationStatus, readMigrationFolder } from '../src/index.ts';
import { orgFolder, projection, rowCounts, rowText, runScript, seedFixture, sqlState, utc, withManualStep } from './support/seedAdoption.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const TEAM_TABLES = ['claude_code_users', 'claude_code_sessions', 'drizzle.__drizzle_migrations'];
const COUNTS = { claude_code_users: 7, claude_code_sessions: 8, 'drizzle.__drizzle_migrations': 3 };
const DRIZZLE_JOURNAL = 'select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id';

const line = (d: SchemaDifference) =>
  `${d.change} ${d.object} ${d.table ? `${d.table}.` : ''}${d.name}${d.fields ? ` (${d.fields.map((f) => `${f.field}: ${f.live} -> ${f.expected}`).join('; ')})` : ''}`;

// The team's users by their own id, and sessions by their (re-keyed) id with their owner's team id:
// naive timestamps before the move, timestamptz read as UTC after. NULL metadata becomes '{}' by decision.
const teamUsers = (table: string) =>
  `select ${rowText('id', 'email', 'name', "md5(coalesce(metadata, '{}')::text)", 'refresh_token', utc('created_at', true), utc('last_login_at', true), utc('deleted_at', true))} as r from ${table} order by id`;
const orgUsers = `select ${rowText('external_id', 'email', 'name', 'md5(metadata::text)', 'refresh_token', utc('created_at', false), utc('last_login_at', false), utc('deleted_at', false))} as r
  from users where auth_provider = 'claude_code' order by external_id`;
const teamSessions = (table: string) =>
  `select ${rowText("md5('claude_code_sessions:' || id)::uuid", 'user_id', 'title', utc('created_at', true), utc('last_active_at', true))} as r from ${table} order by 1`;
const orgSessions = `select ${rowText('s.id', 'u.external_id', 's.title', utc('s.created_at', false), utc('s.last_active_at', false))} as r
  from sessions s join users u on u.id = s.user_id order by 1`;

describe.each(engines)('seed 004 (claude_code, drizzle-kit migrate) adoption on %s', (engine) => {
  const scratch = scratchSuite(engine);

  /** The team's database with its rows and drizzle's journal, and the bridge adopt wrote for it. */
  async function teamDatabase() {
    await runScript(scratch(), seedFixture('004_claude_code.sql'));
    await runScript(scratch(), seedFixture('004_claude_code.rows.sql'));
    expect(await rowCounts(scratch(), TEAM_TABLES)).toEqual(COUNTS);
    const folder = orgFolder();
    const first = await adoptDatabase(scratch().client, { folder: folder.dir });
    return { folder, first, written: readFileSync(first.bridgeFile!, 'utf8') };
  }

  it("reports @org's users and sessions missing and the team's tables extra (kept, holding data), and the bridge as written adopts with no row moved", async () => {
    const { folder, first, written } = await teamDatabase();
    try {
      expect(first.outcome).toBe('bridge-written');
      const lines = first.differences.map(line);
      // No table name is shared, so there is no column to compare: adopt sees whole tables only.
      expect(lines.filter((l) => !l.startsWith('missing '))).toEqual(['extra table public.claude_code_sessions', 'extra table public.claude_code_users']);
      expect(lines).toEqual(expect.arrayContaining(['missing table public.users', 'missing table public.sessions', 'missing table public.prompts']));
      // drizzle's journal is not a difference, and nothing it lists is @org's: nothing is recorded.
      expect(lines.some((l) => l.includes('drizzle'))).toBe(false);
      expect(first.recorded).toEqual([]);
      expect(first.kept.map((d) => `${d.object} ${d.name} ${d.holdsData}`)).toEqual([
        'table public.claude_code_sessions true',
        'table public.claude_code_users true',
      ]);
      expect(written).not.toMatch(/\bDROP (TABLE|COLUMN)\b/);
      // The kept table's index holds the name idx_users_email (index names are per schema): the bridge
      // renames it first, or its CREATE INDEX IF NOT EXISTS for users would skip.
      expect(first.review).toEqual([
        'index name idx_users_email is taken by an index on public.claude_code_users, which the bridge keeps: it is renamed claude_code_users_idx_users_email first',
      ]);

      // The bridge as written creates @org's tables empty and keeps the team's: adopt cannot know that
      // claude_code_users is users, so it completes with no user moved. Finding, pinned: only the review
      // (both tables kept, holding data) tells the team its rows are not in @org's tables.
      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: second.outcome, remaining: second.remaining.map(line) }).toEqual({ outcome: 'bridged', remaining: [] });
      expect(await rowCounts(scratch(), ['users', 'sessions', ...TEAM_TABLES])).toEqual({ users: 0, sessions: 0, ...COUNTS });
      expect(
        await scratch().rows(
          `select to_regclass('public.claude_code_users_idx_users_email') is not null as renamed, to_regclass('public.idx_users_email') is not null as created`,
        ),
      ).toEqual([{ renamed: true, created: true }]);
    } finally {
      folder.remove();
    }
  }, 60_000);

  it("with the team's manual step adopt completes: every user and session is accounted for, drizzle's journal is untouched, no drift, and the team's queries run", async () => {
    const { folder, first, written } = await teamDatabase();
    try {
      const before = {
        users: await projection(scratch(), teamUsers('claude_code_users')),
        sessions: await projection(scratch(), teamSessions('claude_code_sessions')),
        usersRaw: await projection(
          scratch(),
          `select ${rowText('id', 'email', 'name', 'md5(metadata::text)', 'refresh_token', 'created_at', 'last_login_at', 'deleted_at')} as r from claude_code_users order by id`,
        ),
        drizzle: await scratch().rows(DRIZZLE_JOURNAL),
      };
      expect(await scratch().rows(`select id from claude_code_users where metadata is null`)).toEqual([{ id: 'user_1' }]);

      writeFileSync(first.bridgeFile!, withManualStep(written, seedFixture('004_claude_code.manual.sql')));
      const adopted = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: adopted.outcome, remaining: adopted.remaining.map(line) }).toEqual({ outcome: 'bridged', remaining: [] });
      const names = readMigrationFolder(folder.dir).map((f) => f.name);
      expect(adopted.recorded).toEqual(names);

      // Every user: one @org user per team user, keyed by its external identity, value for value.
      expect(
        await rowCounts(scratch(), ['users', 'sessions', 'claude_code_users_before_org', 'claude_code_sessions_before_org', 'drizzle.__drizzle_migrations']),
      ).toEqual({
        users: 7,
        sessions: 8,
        claude_code_users_before_org: 7,
        claude_code_sessions_before_org: 8,
        'drizzle.__drizzle_migrations': 3,
      });
      expect(await projection(scratch(), orgUsers)).toEqual(before.users);
      expect(
        await scratch().rows(`select count(distinct id)::int as ids, count(*) filter (where id::text ~ '^[0-9a-f-]{36}$')::int as uuids from users`),
      ).toEqual([{ ids: 7, uuids: 7 }]);
      // Every session, re-keyed (md5 of the old id), with its owner resolved through the external identity.
      expect(await projection(scratch(), orgSessions)).toEqual(before.sessions);
      // The originals, renamed, hold exactly what they held; drizzle's journal is untouched.
      expect(
        await projection(
          scratch(),
          `select ${rowText('id', 'email', 'name', 'md5(metadata::text)', 'refresh_token', 'created_at', 'last_login_at', 'deleted_at')} as r from claude_code_users_before_org order by id`,
        ),
      ).toEqual(before.usersRaw);
      expect(await projection(scratch(), teamSessions('claude_code_sessions_before_org'))).toEqual(before.sessions);
      expect(await scratch().rows(DRIZZLE_JOURNAL)).toEqual(before.drizzle);
      // No compatibility views (see the manual step): the old names are gone, loudly.
      expect(await scratch().rows(`select to_regclass('public.claude_code_users') as users, to_regclass('public.claude_code_sessions') as sessions`)).toEqual([
        { users: null, sessions: null },
      ]);

      // Adopted once: a second adopt refuses and points at the drift check, which finds nothing.
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(MigrationAdoptError);
      const drift = await checkDrift(scratch().client, { folder: folder.dir });
      expect({ drifted: drift.drifted, differences: drift.differences.map(line) }).toEqual({ drifted: false, differences: [] });

      // The team's documented queries, against @org's tables.
      // Find by ID: the team's text id is no uuid (22P02); it finds the user by its external identity.
      expect(await sqlState(() => scratch().rows(`select * from users where id = 'user_123'`))).toBe('22P02');
      const [john] = await scratch().rows<{ id: string; name: string }>(
        `select id, name from users where auth_provider = 'claude_code' and external_id = 'user_123' and deleted_at is null`,
      );
      expect(john!.name).toBe('John Doe');
      // Upsert on email: drizzle's `on conflict ("email")` finds no full unique index (42P10): @org's email
      // is unique among live rows; the conflict target names the index's predicate.
      const upsert = (
        target: string,
      ) => `insert into users (email, name, auth_provider, external_id) values ('user@example.com', 'John D.', 'claude_code', 'user_123')
        on conflict ${target} do update set name = excluded.name, last_login_at = now() returning id, name`;
      expect(await sqlState(() => scratch().rows(upsert('("email")')))).toBe('42P10');
      expect(await scratch().rows(upsert('("email") where deleted_at is null'))).toEqual([{ id: john!.id, name: 'John D.' }]);
      // Find with conditions (case-sensitive like, as before), not soft-deleted, newest first.
      expect(
        await scratch().rows(
          `select email from users where last_login_at >= '2024-01-01' and email like '%@company.com' and deleted_at is null order by created_at desc`,
        ),
      ).toEqual([{ email: 'jane.roe@company.com' }]);
      // With relations: the user's sessions, newest first.
      expect(await scratch().rows(`select s.title from sessions s where s.user_id = $1 order by s.created_at desc limit 10`, [john!.id])).toEqual([
        { title: 'Fix flaky test ✓' },
        { title: 'Refactor the billing module' },
        { title: 'Welcome Session' },
      ]);
      // The guide's raw SQL names the old tables (42P01 now); with @org's names it runs unchanged otherwise.
      expect(
        await sqlState(() =>
          scratch().rows(
            `select u.*, count(s.id) as session_count from claude_code_users u left join claude_code_sessions s on u.id = s.user_id group by u.id`,
          ),
        ),
      ).toBe('42P01');
      expect(
        await scratch().rows(
          `select u.external_id, count(s.id)::int as session_count from users u left join sessions s on u.id = s.user_id
        where u.created_at >= $1 group by u.id order by session_count desc, u.external_id limit $2`,
          ['2024-01-01', 3],
        ),
      ).toEqual([
        { external_id: 'user_123', session_count: 3 },
        { external_id: 'user_2', session_count: 1 },
        { external_id: 'user_dup_lower', session_count: 1 },
      ]);
      // A session found by its old id: the new key is computed from it.
      expect(
        await scratch().rows(`select title from sessions where id = md5('claude_code_sessions:' || $1)::uuid`, ['sess_01HZX0000000000000000000A2']),
      ).toEqual([{ title: 'Refactor the billing module' }]);
      // jsonb_set on metadata; a user whose metadata was NULL now has '{}', and COALESCE keeps working.
      expect(
        await scratch()
          .rows(`update users set metadata = jsonb_set(coalesce(metadata, '{}'::jsonb), '{preferences}', '{"theme": "dark"}')
        where external_id in ('user_123', 'user_1') returning external_id, metadata->'preferences'->>'theme' as theme, metadata->>'lastDevice' as device`)
          .then((r) => r.sort((a, b) => String(a.external_id).localeCompare(String(b.external_id)))),
      ).toEqual([
        { external_id: 'user_1', theme: 'dark', device: null },
        { external_id: 'user_123', theme: 'dark', device: 'macbook' },
      ]);
      // Conditional token update: the old token matches once, then no more.
      const rotate = `update users set refresh_token = 'rt_new' where id = $1 and refresh_token = 'rt_abc123' returning id`;
      expect(await scratch().rows(rotate, [john!.id])).toHaveLength(1);
      expect(await scratch().rows(rotate, [john!.id])).toHaveLength(0);
      // Soft delete: live users only; the soft-deleted address and identity sign up afresh.
      expect(await scratch().rows(`select count(*)::int as n from users where deleted_at is null`)).toEqual([{ n: 6 }]);
      await scratch().rows(`insert into users (email, auth_provider, external_id) values ('gone@company.com', 'claude_code', 'user_gone')`);
      // Delete with conditions: a user's sessions idle since before a date.
      expect(await scratch().rows(`delete from sessions where user_id = $1 and last_active_at < '2024-02-01' returning title`, [john!.id])).toEqual([
        { title: 'Welcome Session' },
      ]);
      // Migration status: the guide's `drizzle_migrations` never existed (drizzle's journal is
      // drizzle.__drizzle_migrations); @org's status reads its own journal.
      expect(await sqlState(() => scratch().rows('select * from drizzle_migrations order by created_at desc'))).toBe('42P01');
      expect((await migrationStatus(scratch().client, { folder: folder.dir })).upToDate).toBe(true);
    } finally {
      folder.remove();
    }
  }, 90_000);

  it("a database already at @org's schema, still carrying drizzle's journal, adopts with nothing to bridge", async () => {
    const folder = orgFolder();
    try {
      for (const f of readMigrationFolder(folder.dir)) await runScript(scratch(), f.sql);
      await runScript(
        scratch(),
        `
        create schema drizzle;
        create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint);
        insert into drizzle.__drizzle_migrations (hash, created_at) values ('04eef3aba29462ce3e6823ef1a3913154ef4925b52d692e827e4f057a86b12ce', 1714000000000);
        insert into users (id, email, name, auth_provider, external_id, last_login_at) values ('c1000000-0000-4000-8000-000000000123', 'user@example.com', 'John Doe', 'claude_code', 'user_123', '2024-06-01 09:30:00.654321+00');
        insert into sessions (user_id, title) values ('c1000000-0000-4000-8000-000000000123', 'Welcome Session');`,
      );
      const result = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: result.outcome, differences: result.differences.map(line) }).toEqual({ outcome: 'adopted', differences: [] });
      expect(result.recorded).toEqual(readMigrationFolder(folder.dir).map((f) => f.name));
      expect(await rowCounts(scratch(), ['users', 'sessions', 'drizzle.__drizzle_migrations'])).toEqual({
        users: 1,
        sessions: 1,
        'drizzle.__drizzle_migrations': 1,
      });
      expect((await checkDrift(scratch().client, { folder: folder.dir })).drifted).toBe(false);
    } finally {
      folder.remove();
    }
  }, 60_000);
});
