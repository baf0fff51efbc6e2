// Row-level security as an app sees it: a role that does not own the tables, on PostgreSQL (PGlite runs
// as a superuser only, and superusers bypass RLS). Every per-user table, every way in: reads, writes,
// raw SQL that tries to re-point the scope, no scope at all, and a pooled connection reused.
import { orgTables } from '@org/schema';
import { orgFactories } from '@org/testing';
import { orgTest as test } from '@org/testing/vitest';
import { getTableName, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect } from 'vitest';
import { PermissionDeniedError, createDatabase, readUserScopeKey, rowsOf, transaction, withUserScope, type OrgDb } from '../src/index.ts';

const ROLE = 'org_rls_app';

/** Every table holding per-user data, directly or through a parent. */
const PER_USER_TABLES = [
  'users',
  'user_profiles',
  'projects',
  'conversations',
  'messages',
  'artifacts',
  'activity_log',
  'campaigns',
  'scraping_jobs',
  'scraping_results',
  'sessions',
  'prompts',
  'analytics_events',
  'wizard_submissions',
  'audit_logs',
] as const;
type PerUserTable = (typeof PER_USER_TABLES)[number];
type World = Record<PerUserTable, string>;

/** The app's role: a login that is not the tables' owner, granted what an app is typically granted. */
async function appUrl(ownerUrl: string): Promise<string> {
  const admin = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`do $$ begin if not exists (select from pg_roles where rolname = '${ROLE}') then create role ${ROLE} login nosuperuser; end if; end $$`);
    await admin.unsafe(`grant usage on schema public to ${ROLE}; grant select, insert, update, delete on all tables in schema public to ${ROLE}`);
  } finally {
    await admin.end();
  }
  const u = new URL(ownerUrl);
  u.username = ROLE;
  return u.toString();
}

/** One row of every per-user table belonging to a fresh user, written by the owner. */
async function worldOf(f: ReturnType<typeof orgFactories>): Promise<World> {
  const user = await f.users.create({}, { traits: ['loggedIn'] });
  const userId = user.id;
  const project = await f.projects.create({ userId });
  const conversation = await f.conversations.create({ projectId: project.id });
  const campaign = await f.campaigns.create({ userId });
  const job = await f.scrapingJobs.create({ userId, campaignId: campaign.id });
  const session = await f.sessions.create({ userId });
  return {
    users: userId,
    user_profiles: (await f.userProfiles.create({ userId })).id,
    projects: project.id,
    conversations: conversation.id,
    messages: (await f.messages.create({ conversationId: conversation.id })).id,
    artifacts: (await f.artifacts.create({ projectId: project.id })).id,
    activity_log: (await f.activityLog.create({ projectId: project.id, fromUserId: userId })).id,
    campaigns: campaign.id,
    scraping_jobs: job.id,
    scraping_results: (await f.scrapingResults.create({ jobId: job.id })).id,
    sessions: session.id,
    prompts: (await f.prompts.create({ sessionId: session.id, userId })).id,
    analytics_events: (await f.analyticsEvents.create({ userId })).id,
    wizard_submissions: (await f.wizardSubmissions.create({ userId })).id,
    audit_logs: (await f.auditLogs.create({ userId, changes: { refreshToken: { from: null, to: user.refreshToken } } })).id,
  };
}

async function idsIn(db: OrgDb, table: PerUserTable): Promise<string[]> {
  return rowsOf<{ id: string }>(await db.execute(sql`select id::text as id from ${sql.identifier(table)} order by id`)).map((r) => r.id);
}

describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres')('row-level security (PostgreSQL, non-superuser role)', () => {
  /** Two users with a row in every per-user table, and an app client (one pooled connection). */
  async function setUp(isolatedDatabase: { db: unknown; url?: string }) {
    const owner = isolatedDatabase.db as OrgDb;
    const f = orgFactories(owner);
    const alice = await worldOf(f);
    const bob = await worldOf(f);
    const key = await readUserScopeKey(owner);
    // Behind a pooler in transaction mode, the app client runs without named prepared statements.
    const app = createDatabase({ url: await appUrl(isolatedDatabase.url!), pool: { max: 1 }, prepare: !process.env.TEST_POOLER_URL });
    return { owner, f, alice, bob, key, app };
  }

  test('a scoped user reads only their own rows in every per-user table, raw SQL included', async ({ isolatedDatabase }) => {
    const { alice, bob, key, app } = await setUp(isolatedDatabase);
    try {
      for (const table of PER_USER_TABLES) {
        const seen = await withUserScope(app.db, alice.users, (tx) => idsIn(tx, table), { key });
        expect(seen, table).toEqual([alice[table]]);
        const seenByBob = await withUserScope(app.db, bob.users, (tx) => idsIn(tx, table), { key });
        expect(seenByBob, table).toEqual([bob[table]]);
      }
    } finally {
      await app.close();
    }
  });

  test("a scoped user cannot insert, update, move or delete another user's rows in any per-user table", async ({ isolatedDatabase }) => {
    const { owner, f, alice, bob, key, app } = await setUp(isolatedDatabase);
    const t = Object.fromEntries(Object.values(orgTables).map((table) => [getTableName(table), table])) as Record<PerUserTable, any>;
    // Rows that would belong to Bob (or to no one Alice may write for), each built complete by the factories.
    const bobRows: [PerUserTable, Record<string, unknown>][] = [
      ['users', f.users.build()],
      ['user_profiles', f.userProfiles.build({ userId: bob.users })],
      ['projects', f.projects.build({ userId: bob.users })],
      ['conversations', f.conversations.build({ projectId: bob.projects })],
      ['messages', f.messages.build({ conversationId: bob.conversations })],
      ['artifacts', f.artifacts.build({ projectId: bob.projects })],
      ['activity_log', f.activityLog.build({ projectId: bob.projects })],
      ['activity_log', f.activityLog.build({ projectId: alice.projects, toUserId: bob.users })],
      ['campaigns', f.campaigns.build({ userId: bob.users })],
      ['scraping_jobs', f.scrapingJobs.build({ userId: bob.users, campaignId: bob.campaigns })],
      ['scraping_jobs', f.scrapingJobs.build({ userId: alice.users, campaignId: bob.campaigns })],
      ['scraping_results', f.scrapingResults.build({ jobId: bob.scraping_jobs })],
      // Without a parent (#13, 0005): a job of Bob's without a campaign, a batch without a job (no one's).
      ['scraping_jobs', f.scrapingJobs.build({ userId: bob.users, campaignId: null })],
      ['scraping_results', f.scrapingResults.build({ jobId: null })],
      ['sessions', f.sessions.build({ userId: bob.users })],
      ['prompts', f.prompts.build({ userId: bob.users, sessionId: bob.sessions })],
      ['prompts', f.prompts.build({ userId: alice.users, sessionId: bob.sessions })],
      ['analytics_events', f.analyticsEvents.build({ userId: bob.users })],
      ['wizard_submissions', f.wizardSubmissions.build({ userId: bob.users })],
      ['audit_logs', f.auditLogs.build({ userId: bob.users })],
    ];
    // Alice's own rows handed to Bob.
    const moves: [PerUserTable, string, string][] = [
      ['user_profiles', 'user_id', alice.user_profiles],
      ['projects', 'user_id', alice.projects],
      ['campaigns', 'user_id', alice.campaigns],
      ['sessions', 'user_id', alice.sessions],
      ['analytics_events', 'user_id', alice.analytics_events],
      ['wizard_submissions', 'user_id', alice.wizard_submissions],
      ['conversations', 'project_id', alice.conversations],
      ['artifacts', 'project_id', alice.artifacts],
    ];
    try {
      for (const [table, row] of bobRows) {
        const error = await withUserScope(app.db, alice.users, (tx) => tx.insert(t[table]).values(row), { key }).catch((e: unknown) => e);
        expect(error, `insert into ${table}`).toBeInstanceOf(PermissionDeniedError);
      }
      for (const [table, column, id] of moves) {
        const error = await withUserScope(
          app.db,
          alice.users,
          (tx) =>
            tx.execute(
              sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${column === 'user_id' ? bob.users : bob.projects} where id = ${id}`,
            ),
          { key },
        ).catch((e: unknown) => e);
        expect(error, `move a row of ${table}`).toBeInstanceOf(PermissionDeniedError);
      }
      for (const table of PER_USER_TABLES) {
        const touched = await withUserScope(
          app.db,
          alice.users,
          async (tx) => [
            ...rowsOf(await tx.execute(sql`update ${sql.identifier(table)} set id = id where id = ${bob[table]} returning id`)),
            ...rowsOf(await tx.execute(sql`delete from ${sql.identifier(table)} where id = ${bob[table]} returning id`)),
          ],
          { key },
        );
        expect(touched, `update/delete in ${table}`).toEqual([]);
      }
      // The logs are append-only for a scoped user, own entries included.
      for (const table of ['audit_logs', 'activity_log'] as const) {
        const touched = await withUserScope(
          app.db,
          alice.users,
          async (tx) => rowsOf(await tx.execute(sql`delete from ${sql.identifier(table)} returning id`)),
          { key },
        );
        expect(touched, table).toEqual([]);
      }
      // Bob's world is whole, and nothing of Bob's was written.
      for (const table of PER_USER_TABLES) {
        expect(await idsIn(owner, table), table).toEqual([alice[table], bob[table]].sort());
      }
    } finally {
      await app.close();
    }
  });

  test("a job without a campaign is its owner's alone; a result batch without a job is no scoped user's (#13, 0005)", async ({ isolatedDatabase }) => {
    const { owner, f, alice, bob, key, app } = await setUp(isolatedDatabase);
    const loneJob = await f.scrapingJobs.create({ userId: alice.users, campaignId: null });
    const orphan = await f.scrapingResults.create({ jobId: null });
    try {
      const jobsOf = (userId: string) => withUserScope(app.db, userId, (tx) => idsIn(tx, 'scraping_jobs'), { key });
      expect(await jobsOf(alice.users)).toEqual([alice.scraping_jobs, loneJob.id].sort());
      expect(await jobsOf(bob.users)).toEqual([bob.scraping_jobs]);
      // Alice creates one herself through the app role: the policy's WITH CHECK admits it.
      const [made] = await withUserScope(app.db, alice.users, (tx) => tx.insert(orgTables.scrapingJobs).values({ userId: alice.users }).returning(), { key });
      expect(made?.campaignId).toBeNull();
      for (const userId of [alice.users, bob.users]) {
        expect(await withUserScope(app.db, userId, (tx) => idsIn(tx, 'scraping_results'), { key })).not.toContain(orphan.id);
      }
      expect(await idsIn(owner, 'scraping_results')).toContain(orphan.id);
    } finally {
      await app.close();
    }
  });

  test('raw SQL inside a scope cannot re-point it: set_config on org.user_id or org.user_scope, a token from another transaction', async ({
    isolatedDatabase,
  }) => {
    const { alice, bob, key, app } = await setUp(isolatedDatabase);
    try {
      const bobsToken = await withUserScope(
        app.db,
        bob.users,
        async (tx) => rowsOf<{ t: string }>(await tx.execute(sql`select current_setting('org.user_scope') as t`))[0]!.t,
        { key },
      );
      const attempts = await withUserScope(
        app.db,
        alice.users,
        async (tx) => {
          const audits = () => idsIn(tx, 'audit_logs');
          await tx.execute(sql`select set_config('org.user_id', ${bob.users}, true)`);
          const afterUserId = await audits();
          await tx.execute(sql`select set_config('org.user_scope', ${bobsToken}, true)`);
          const afterReplay = await audits();
          await tx.execute(sql`select set_config('org.user_scope', ${`${bob.users}:${'0'.repeat(64)}`}, true)`);
          return { afterUserId, afterReplay, afterForgery: await audits() };
        },
        { key },
      );
      // Re-pointing org.user_id changes nothing; any other scope value denies everything, never Bob's rows.
      expect(attempts.afterUserId).toEqual([alice.audit_logs]);
      expect(attempts.afterReplay).toEqual([]);
      expect(attempts.afterForgery).toEqual([]);
      // Nor can it read the key to sign one.
      const keyRead = withUserScope(app.db, alice.users, (tx) => tx.execute(sql`select key from org_private.user_scope_key`), { key });
      await expect(keyRead).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(readUserScopeKey(app.db)).rejects.toBeInstanceOf(PermissionDeniedError);
    } finally {
      await app.close();
    }
  });

  test('a nested withUserScope applies inside only; the outer user is back after it returns or throws', async ({ isolatedDatabase }) => {
    const { alice, bob, key, app } = await setUp(isolatedDatabase);
    try {
      const seen = await withUserScope(
        app.db,
        alice.users,
        async (tx) => {
          const inner = await withUserScope(tx, bob.users, (inner) => idsIn(inner, 'projects'), { key });
          const afterReturn = await idsIn(tx, 'projects');
          await withUserScope(
            tx,
            bob.users,
            async () => {
              throw new Error('inner failed');
            },
            { key },
          ).catch(() => undefined);
          const afterThrow = await idsIn(tx, 'projects');
          return { inner, afterReturn, afterThrow };
        },
        { key },
      );
      expect(seen).toEqual({ inner: [bob.projects], afterReturn: [alice.projects], afterThrow: [alice.projects] });

      // Nested in an unscoped transaction, the scope ends with the nested block.
      const afterUnscoped = await transaction(app.db, async (tx) => {
        await withUserScope(tx, alice.users, (inner) => idsIn(inner, 'projects'), { key });
        return idsIn(tx, 'projects');
      });
      expect(afterUnscoped).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('without a scope the app role sees nothing in any per-user table', async ({ isolatedDatabase }) => {
    const { key, app } = await setUp(isolatedDatabase);
    try {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      for (const table of PER_USER_TABLES) {
        expect(await transaction(app.db, (tx) => idsIn(tx, table)), table).toEqual([]);
        expect(await idsIn(app.db as OrgDb, table), table).toEqual([]);
      }
    } finally {
      await app.close();
    }
  });

  test('a pooled connection carries no scope into the next transaction, even one raw SQL made session-wide', async ({ isolatedDatabase }) => {
    const { alice, bob, key, app } = await setUp(isolatedDatabase);
    const pid = async (db: OrgDb) => rowsOf<{ pid: number }>(await db.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
    try {
      const first = await withUserScope(
        app.db,
        alice.users,
        async (tx) => {
          const token = rowsOf<{ t: string }>(await tx.execute(sql`select current_setting('org.user_scope') as t`))[0]!.t;
          // Session-wide, not transaction-local: this survives the commit on the pooled connection.
          await tx.execute(sql`select set_config('org.user_scope', ${token}, false), set_config('org.user_id', ${alice.users}, false)`);
          return { pid: await pid(tx), seen: await idsIn(tx, 'sessions') };
        },
        { key },
      );
      expect(first.seen).toEqual([alice.sessions]);

      const next = await transaction(app.db, async (tx) => ({
        pid: await pid(tx),
        left: rowsOf<{ t: string }>(await tx.execute(sql`select current_setting('org.user_scope', true) as t`))[0]!.t,
        seen: await idsIn(tx, 'sessions'),
      }));
      // Without a pooler in between, it is the same backend, and the session-wide value is still there.
      if (!process.env.TEST_POOLER_URL) {
        expect(next.pid).toBe(first.pid);
        expect(next.left).not.toBe('');
      }
      expect(next.seen).toEqual([]);
      expect(await withUserScope(app.db, bob.users, (tx) => idsIn(tx, 'sessions'), { key })).toEqual([bob.sessions]);
    } finally {
      await app.close();
    }
  });
});
