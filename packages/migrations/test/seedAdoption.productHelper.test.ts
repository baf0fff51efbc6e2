// Seed 001 (product-helper): its `drizzle-kit migrate`-built database (fixtures/seeds/001_product_helper.sql,
// with drizzle's journal), filled with realistic rows and edge cases, is adopted onto @org's migrations;
// every row is accounted for row for row, the bridged database is drift-free, the guide's queries run
// against @org's tables, and a database already at @org's schema is adopted with nothing to bridge.
import { readFileSync } from 'node:fs';
import { activityLog, conversations, messages, projects } from '@org/schema';
import { and, desc, eq, gte, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { adoptDatabase, checkDrift, migrate, MigrationFailedError, readMigrationFolder } from '../src/index.ts';
import type { SchemaDifference } from '../src/index.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { buildOrgSchemaWithoutJournal, countRows, digest, epoch, orgDb, orgFolder, pasteManualStep, runScript, seedFixture } from './support/seedTeam.ts';

const TEAM_TABLES = ['users', 'projects', 'conversations', 'messages', 'artifacts', 'activity_log', 'drizzle.__drizzle_migrations'];
const ANN = 'd0000000-0000-4000-8000-000000000001';
const ANN_TWIN = 'd0000000-0000-4000-8000-000000000002';
const CHECKOUT = 'e0000000-0000-4000-8000-000000000001';
const CLEARED = 'e0000000-0000-4000-8000-000000000004';

const line = (d: SchemaDifference) =>
  `${d.change} ${d.object} ${d.table ? `${d.table}.` : ''}${d.name}${d.liveName ? ` (was ${d.liveName})` : ''}${d.fields ? ` (${d.fields.map((f) => `${f.field}: ${f.live} -> ${f.expected}`).join('; ')})` : ''}`;

/**
 * Each team table's content, spelled so the team's types and @org's read the same (timestamps as epoch
 * seconds: a naive UTC `timestamp` and its timestamptz agree; text and varchar alike). Before the
 * bridge, the NULL status and score the manual step fills read as the values it fills them with.
 */
function contents(after: boolean) {
  const filled = (c: string, value: string) => (after ? c : `coalesce(${c}, ${value})`);
  return {
    users: ['id', ['id', 'name', 'email', 'password_hash', 'role', epoch('created_at'), epoch('updated_at'), epoch('deleted_at')]],
    projects: [
      'id',
      [
        'id',
        'name',
        'description',
        filled('status', `'draft'`),
        filled('validation_score', '0'),
        'collected_data',
        'user_id',
        epoch('created_at'),
        epoch('updated_at'),
      ],
    ],
    conversations: ['id', ['id', 'project_id', 'title', epoch('created_at')]],
    messages: ['id', ['id', 'conversation_id', 'role', 'content', epoch('created_at')]],
    artifacts: ['id', ['id', 'project_id', 'type', 'content', epoch('created_at')]],
    activity_log: ['id', ['id', 'type', 'project_id', 'from_user_id', 'to_user_id', epoch('created_at')]],
    'drizzle.__drizzle_migrations': ['id', ['id', 'hash', 'created_at']],
  } as const;
}

describe.each(engines)('seed 001 (product-helper, drizzle-kit migrate) adoption on %s', (engine) => {
  const scratch = scratchSuite(engine);
  async function digests(after: boolean) {
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const [table, [key, columns]] of Object.entries(contents(after))) out[table] = await digest(scratch(), table, key, columns);
    return out;
  }

  it("reports the differences, stops on the team's NULL status with the bridge as written, and with the team's manual step is bridged: every row kept, drift-free, the guide's queries run", async () => {
    const folder = orgFolder();
    try {
      await runScript(scratch(), seedFixture('001_product_helper.sql'));
      await runScript(scratch(), seedFixture('001_product_helper.rows.sql'));
      const before = await countRows(scratch(), TEAM_TABLES);
      expect(before).toEqual({ users: 4, projects: 5, conversations: 3, messages: 4, artifacts: 2, activity_log: 3, 'drizzle.__drizzle_migrations': 4 });
      const contentBefore = await digests(false);

      // 1. What adopt reports about the team's tables (the tables only @org has are missing, whole).
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.outcome).toBe('bridge-written');
      const onTeamTables = first.differences
        .filter((d) => /^public\.(users|projects|conversations|messages|artifacts|activity_log)$/.test(d.table ?? d.name))
        .map(line);
      expect(onTeamTables).toEqual(
        expect.arrayContaining([
          'changed column public.projects.status (type: text -> character varying(20); not null: false -> true)',
          'changed column public.projects.validation_score (not null: false -> true)',
          'missing column public.projects.deleted_at',
          'missing column public.projects.search_vector',
          'missing constraint public.projects.projects_status_check',
          'missing constraint public.projects.projects_validation_score_check',
          'changed column public.messages.role (type: text -> character varying(20))',
          'changed column public.artifacts.type (type: text -> character varying(50))',
          'missing column public.artifacts.updated_at',
          'missing column public.conversations.updated_at',
          'renamed constraint public.artifacts.artifacts_project_id_projects_id_fk (was artifacts_project_id_fkey)',
          'changed constraint public.activity_log.activity_log_project_id_projects_id_fk (definition: FOREIGN KEY (project_id) REFERENCES projects(id) -> FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE)',
          'changed column public.users.email (type: character varying(255) -> character varying(320))',
          'extra column public.users.password_hash',
          'extra column public.users.role',
          'extra constraint public.users.users_email_unique',
          'missing index public.users.users_email_live_key',
          'missing column public.users.external_id',
          'changed row security public.projects.public.projects (enabled: false -> true)',
        ]),
      );
      expect(onTeamTables.filter((d) => d.includes('timestamp without time zone -> timestamp with time zone'))).toHaveLength(9);
      // drizzle's journal is not a difference (adopt leaves it out); the users columns @org lacks hold data and are kept.
      expect(first.differences.some((d) => (d.table ?? d.name).startsWith('drizzle.'))).toBe(false);
      expect(first.kept.map((d) => `${d.object} ${d.table}.${d.name} ${d.holdsData}`)).toEqual([
        'column public.users.password_hash true',
        'column public.users.role true',
      ]);
      expect(first.review).toEqual([
        'public.projects.status becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first',
        'public.projects.validation_score becomes NOT NULL: the statement above fails while rows hold NULL there; backfill them first',
      ]);
      const written = readFileSync(first.bridgeFile!, 'utf8');
      expect(written).not.toMatch(/\bDROP (TABLE|COLUMN)\b/);
      expect(written).toContain('ALTER TABLE "public"."users" ALTER COLUMN "password_hash" DROP NOT NULL; -- kept');

      // 2. The bridge as written stops on the NULL status (23502), rolls back, records nothing.
      const refused = await adoptDatabase(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MigrationFailedError);
      expect(refused).toMatchObject({ sqlState: '23502' });
      expect(await countRows(scratch(), TEAM_TABLES)).toEqual(before);
      expect(await digests(false)).toEqual(contentBefore);
      expect(await scratch().rows(`select to_regclass('public.leads') as leads, to_regclass('public.org_migrations') as journal`)).toEqual([
        { leads: null, journal: null },
      ]);

      // 3. With the team's manual step (NULL status and score, updated_at of old rows, UTC): bridged.
      pasteManualStep(first.bridgeFile!, seedFixture('001_product_helper.manual.sql'));
      // Attack the time-zone assumption: on a session far from UTC the naive timestamps must still come
      // over as UTC (the step pins TimeZone for the bridge's transaction). PGlite is one session, so the
      // setting reaches adopt's connection; a postgres.js pool connection would not be the one set here.
      if (engine === 'pglite') await scratch().rows(`set timezone to 'Asia/Kolkata'`);
      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(second.remaining.map(line)).toEqual([]);
      expect(second.outcome).toBe('bridged');
      expect(second.recorded).toEqual(readMigrationFolder(folder.dir).map((f) => f.name));

      // 4. Every row accounted for: the same counts, and row for row the same keys and values.
      expect(await countRows(scratch(), TEAM_TABLES)).toEqual(before);
      expect(await digests(true)).toEqual(contentBefore);
      expect(await scratch().rows(`select status, validation_score from projects where id = '${CLEARED}'`)).toEqual([{ status: 'draft', validation_score: 0 }]);
      expect(await scratch().rows(`select count(*)::int as n from conversations where updated_at <> created_at`)).toEqual([{ n: 0 }]);
      expect(await scratch().rows(`select count(*)::int as n from artifacts where updated_at <> created_at`)).toEqual([{ n: 0 }]);
      expect(await scratch().rows(`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as t from users where id = '${ANN}'`)).toEqual([
        { t: '2024-05-01 09:00:00.123456' },
      ]);

      // 5. Adopted means identical: no drift, nothing for migrate, adopt refuses a second time.
      expect(await checkDrift(scratch().client, { folder: folder.dir })).toMatchObject({ drifted: false, differences: [] });
      expect((await migrate(scratch().client, { folder: folder.dir })).applied).toEqual([]);
      await expect(adoptDatabase(scratch().client, { folder: folder.dir })).rejects.toThrow(/already records/);

      // 6. The guide's queries and its two integration tests, as written, against @org's tables.
      const db = orgDb(scratch());
      const [created] = await db.insert(projects).values({ name: 'Test Project', userId: ANN }).returning();
      expect(await db.query.projects.findFirst({ where: eq(projects.id, created!.id) })).toMatchObject({
        id: created!.id,
        name: 'Test Project',
        status: 'draft',
      });
      const [updated] = await db.update(projects).set({ name: 'Updated', updatedAt: new Date() }).where(eq(projects.id, created!.id)).returning();
      expect(updated!.name).toBe('Updated');
      expect(updated!.updatedAt.getTime()).toBeGreaterThan(created!.updatedAt.getTime());
      const withLatest = await db.query.projects.findFirst({
        where: eq(projects.id, CHECKOUT),
        with: { conversations: { orderBy: desc(conversations.createdAt), limit: 1 } },
      });
      expect(withLatest!.conversations.map((c) => c.id)).toEqual(['f0000000-0000-4000-8000-000000000002']);
      expect(withLatest!.collectedData).toMatchObject({
        actors: [
          { name: 'Shopper', type: 'primary' },
          { name: 'Payment gateway', type: 'external' },
        ],
      });
      const page = await db.query.projects.findMany({ where: eq(projects.userId, ANN), orderBy: desc(projects.updatedAt), limit: 10, offset: 0 });
      expect(page.map((p) => p.name)).toEqual(['Updated', 'Checkout redesign', 'Test Project']);
      expect((await db.query.projects.findMany({ where: and(eq(projects.userId, ANN), eq(projects.status, 'active')) })).map((p) => p.id)).toEqual([CHECKOUT]);
      expect(
        (await db.query.projects.findMany({ where: and(like(projects.name, '%entrepôt%'), gte(projects.validationScore, 50)) })).map((p) => p.validationScore),
      ).toEqual([100]);
      const stats = await scratch().rows(
        `SELECT status, COUNT(*)::int as count, AVG(validation_score)::numeric(6,2)::text as avg_score FROM projects WHERE user_id = $1 GROUP BY status ORDER BY status`,
        [ANN],
      );
      expect(stats).toEqual([
        { status: 'active', count: 1, avg_score: '85.00' },
        { status: 'draft', count: 2, avg_score: '0.00' },
      ]);
      const withConversation = await db.transaction(async (tx) => {
        const [project] = await tx.insert(projects).values({ name: 'Onboarding', userId: ANN_TWIN }).returning();
        const [conversation] = await tx.insert(conversations).values({ projectId: project!.id }).returning();
        await tx.insert(messages).values({ conversationId: conversation!.id, role: 'system', content: 'Welcome' });
        return project!;
      });
      await db.transaction(async (tx) => {
        const owned = await tx.query.projects.findFirst({ where: and(eq(projects.id, withConversation.id), eq(projects.userId, ANN_TWIN)) });
        expect(owned).toBeDefined();
        await tx.update(projects).set({ userId: ANN, updatedAt: new Date() }).where(eq(projects.id, withConversation.id));
        await tx.insert(activityLog).values({ type: 'project_transfer', projectId: withConversation.id, fromUserId: ANN_TWIN, toUserId: ANN });
      });
      expect(await scratch().rows(`select count(*)::int as n from activity_log where type = 'project_transfer'`)).toEqual([{ n: 3 }]);
      await db.delete(projects).where(eq(projects.id, withConversation.id));
      expect(
        await scratch().rows(`select count(*)::int as n from messages m join conversations c on c.id = m.conversation_id where c.project_id = $1`, [
          withConversation.id,
        ]),
      ).toEqual([{ n: 0 }]);
    } finally {
      folder.remove();
    }
  }, 180_000);

  it('adopts a database already at @org schema, drizzle journal and all, with nothing to bridge', async () => {
    const folder = orgFolder();
    try {
      await buildOrgSchemaWithoutJournal(scratch());
      // The team's drizzle journal stays behind (its rows name the team's own files, not @org's).
      const team = seedFixture('001_product_helper.sql');
      await runScript(scratch(), team.slice(team.indexOf('CREATE SCHEMA IF NOT EXISTS "drizzle"')));
      const adopted = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(adopted).toMatchObject({ outcome: 'adopted', differences: [], remaining: [] });
      expect(adopted.bridgeFile).toBeUndefined();
      const names = readMigrationFolder(folder.dir).map((f) => f.name);
      expect(adopted.recorded).toEqual(names);
      expect(await scratch().rows(`select name, adopted from org_migrations order by name`)).toEqual(names.map((name) => ({ name, adopted: true })));
      expect(await scratch().rows(`select count(*)::int as n from drizzle.__drizzle_migrations`)).toEqual([{ n: 4 }]);
      expect(await checkDrift(scratch().client, { folder: folder.dir })).toMatchObject({ drifted: false, differences: [] });
    } finally {
      folder.remove();
    }
  }, 120_000);
});
