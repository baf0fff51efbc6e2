import { users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import {
  CheckViolationError,
  NotFoundError,
  UniqueViolationError,
  ValidationError,
  convertTrial,
  createCampaignWithJob,
  createDatabase,
  createProjectWithConversation,
  deleteInactiveSessions,
  execute,
  findUserByExternalId,
  getProjectStats,
  getUserByExternalId,
  getUserWithRecentSessions,
  isAdmin,
  listProjectsByUser,
  mapDatabaseError,
  promoteToAdmin,
  rotateRefreshToken,
  searchProjects,
  setUserPreference,
  startTrial,
  transaction,
  transferProject,
  upsertUserByExternalId,
  writeAuditLog,
  type OrgDb,
} from '../src/index.ts';

// #13 Identity: the teams key users by their own text ids (Clerk's user_2abc…, claude_code's
// user_123). @org keeps uuid keys and stores those ids as an external identity; every domain function
// that takes a user id refuses a non-uuid with a typed ValidationError before SQL (it used to reach
// PostgreSQL and fail there with 22P02).

const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';
const clerk = (externalId: string) => ({ provider: 'clerk', externalId });

describe('external identity: lookups and upserts', () => {
  test('first sign-in creates the user, the next one finds the same user and updates name and last login', async ({ db }) => {
    const created = await upsertUserByExternalId(db, { ...clerk('user_2abcDEF'), email: 'ada@example.com', name: 'Ada' });
    expect(created).toMatchObject({ authProvider: 'clerk', externalId: 'user_2abcDEF', email: 'ada@example.com', name: 'Ada' });
    const again = await upsertUserByExternalId(db, { ...clerk('user_2abcDEF'), email: 'ada@example.com', name: 'Ada L.' });
    expect(again.id).toBe(created.id);
    expect(again.name).toBe('Ada L.');
    // Without an email a known identity signs in; the name is kept when none is given.
    const third = await upsertUserByExternalId(db, clerk('user_2abcDEF'));
    expect(third).toMatchObject({ id: created.id, name: 'Ada L.' });
    expect(await findUserByExternalId(db, clerk('user_2abcDEF'))).toMatchObject({ id: created.id });
    expect(await getUserByExternalId(db, clerk('user_2abcDEF'))).toMatchObject({ id: created.id });
  });

  test('one id under two providers is two users; an unknown identity is undefined / NotFoundError', async ({ db }) => {
    const a = await upsertUserByExternalId(db, { provider: 'clerk', externalId: 'user_123', email: 'a@example.com' });
    const b = await upsertUserByExternalId(db, { provider: 'claude_code', externalId: 'user_123', email: 'b@example.com' });
    expect(a.id).not.toBe(b.id);
    expect(await findUserByExternalId(db, { provider: 'claude_code', externalId: 'user_123' })).toMatchObject({ id: b.id });
    expect(await findUserByExternalId(db, clerk('user_unknown'))).toBeUndefined();
    await expect(getUserByExternalId(db, clerk('user_unknown'))).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a soft-deleted user is not found, and its identity signs up afresh', async ({ db }) => {
    const old = await upsertUserByExternalId(db, { ...clerk('user_gone'), email: 'gone@example.com' });
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, old.id));
    expect(await findUserByExternalId(db, clerk('user_gone'))).toBeUndefined();
    const fresh = await upsertUserByExternalId(db, { ...clerk('user_gone'), email: 'gone@example.com' });
    expect(fresh.id).not.toBe(old.id);
  });

  test('an unknown identity without an email, or a malformed one, is a ValidationError before SQL', async ({ db }) => {
    for (const call of [
      () => upsertUserByExternalId(db, clerk('user_new')),
      () => upsertUserByExternalId(db, { provider: 'Clerk', externalId: 'user_1', email: 'a@example.com' }),
      () => upsertUserByExternalId(db, { ...clerk(''), email: 'a@example.com' }),
      () => upsertUserByExternalId(db, { ...clerk('user_1'), email: 'not an email' }),
      () => findUserByExternalId(db, clerk('user 1')),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).sqlState).toBeUndefined();
    }
    expect(await db.$count(users, eq(users.authProvider, 'clerk'))).toBe(0);
  });

  test('an identity is never linked to another account by a matching email: UniqueViolationError', async ({ db }) => {
    await upsertUserByExternalId(db, { ...clerk('user_owner'), email: 'shared@example.com' });
    const error = await upsertUserByExternalId(db, { ...clerk('user_other'), email: 'shared@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).constraint).toBe('users_email_live_key');
  });

  test('the pair is set together or not at all (check constraint)', async ({ db }) => {
    const error = await transaction(db, (tx) => tx.insert(users).values({ email: 'half@example.com', authProvider: 'clerk' })).catch(mapDatabaseError);
    expect(error).toBeInstanceOf(CheckViolationError);
    expect((error as CheckViolationError).constraint).toBe('users_external_identity_pair_check');
  });
});

describe("every domain function taking a user id refuses a team's text id before SQL (was 22P02)", () => {
  const teamIds = ['user_2abcDEF', 'user_123', ''];
  const uuid = '00000000-0000-4000-8000-000000000000';
  const calls: [string, (db: OrgDb, id: string) => Promise<unknown>][] = [
    ['isAdmin', (db, id) => isAdmin(db, id)],
    ['promoteToAdmin (target)', (db, id) => promoteToAdmin(db, { targetUserId: id, actorUserId: uuid })],
    ['promoteToAdmin (actor)', (db, id) => promoteToAdmin(db, { targetUserId: uuid, actorUserId: id })],
    ['startTrial', (db, id) => startTrial(db, id)],
    ['convertTrial', (db, id) => convertTrial(db, id, { stripeCustomerId: 'cus_1', stripeSubscriptionId: 'sub_1' })],
    ['listProjectsByUser', (db, id) => listProjectsByUser(db, id)],
    ['createProjectWithConversation', (db, id) => createProjectWithConversation(db, { name: 'P', userId: id }, 'hi')],
    ['transferProject (from)', (db, id) => transferProject(db, { projectId: uuid, fromUserId: id, toUserId: uuid })],
    ['transferProject (to)', (db, id) => transferProject(db, { projectId: uuid, fromUserId: uuid, toUserId: id })],
    ['getProjectStats', (db, id) => getProjectStats(db, id)],
    ['searchProjects', (db, id) => searchProjects(db, { query: 'x', userId: id })],
    ['createCampaignWithJob', (db, id) => createCampaignWithJob(db, id, { name: 'C', searchType: 'keyword' }, { platform: 'TikTok' })],
    ['writeAuditLog', (db, id) => writeAuditLog(db, { userId: id, action: 'UPDATE', tableName: 't', recordId: 'r' })],
    ['rotateRefreshToken', (db, id) => rotateRefreshToken(db, { userId: id, presented: 'a', next: 'b' })],
    ['setUserPreference', (db, id) => setUserPreference(db, id, ['theme'], 'dark')],
    ['getUserWithRecentSessions', (db, id) => getUserWithRecentSessions(db, id)],
    ['deleteInactiveSessions', (db, id) => deleteInactiveSessions(db, id, new Date())],
  ];
  for (const [name, call] of calls) {
    test(`${name}`, async ({ db }) => {
      for (const id of teamIds) {
        const error = await call(db, id).catch((e: unknown) => e);
        expect(error, id).toBeInstanceOf(ValidationError);
        // Raised by @org's check, not mapped from PostgreSQL's 22P02; the value is not echoed.
        expect((error as ValidationError).sqlState, id).toBeUndefined();
        expect((error as ValidationError).message).toContain('findUserByExternalId');
        if (id) expect((error as ValidationError).message).not.toContain(id);
      }
    });
  }

  test('a user id from an external identity works everywhere', async ({ db, factories }) => {
    const user = await upsertUserByExternalId(db, { ...clerk('user_2works'), email: 'works@example.com' });
    await factories.projects.create({ userId: user.id });
    expect((await listProjectsByUser(db, user.id)).total).toBe(1);
    expect(await isAdmin(db, user.id)).toBe(false);
  });
});

describe.runIf(onPostgres)('concurrent first sign-ins of one identity (PostgreSQL, two clients)', () => {
  test("a sign-in blocked behind another's uncommitted first sign-in returns that user", async ({ isolatedDatabase }) => {
    const a = createDatabase({ url: isolatedDatabase.url!, pool: { max: 1 } });
    const b = createDatabase({ url: isolatedDatabase.url!, pool: { max: 1 } });
    try {
      const input = { ...clerk('user_race'), email: 'race@example.com', name: 'Race' };
      let second: Promise<{ id: string }> | undefined;
      const first = await transaction(a.db, async (tx) => {
        const created = await upsertUserByExternalId(tx, input);
        second = upsertUserByExternalId(b.db, { ...input, name: 'Race 2' });
        // Commit only once B is really waiting on this transaction (a lock wait, observed, not timed).
        for (let i = 0; i < 10_000; i++) {
          const [row] = await execute<{ n: number }>(tx, sql`select count(*)::int as n from pg_locks where locktype = 'transactionid' and not granted`);
          if (Number(row?.n) > 0) break;
        }
        return created;
      });
      const other = await second!;
      expect(other.id).toBe(first.id);
      const rows = await b.db
        .select()
        .from(users)
        .where(and(eq(users.authProvider, 'clerk'), eq(users.externalId, 'user_race')));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.name).toBe('Race 2');
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('twenty concurrent upserts of one identity over two clients give one user', async ({ isolatedDatabase }) => {
    const a = createDatabase({ url: isolatedDatabase.url!, pool: { max: 4 } });
    const b = createDatabase({ url: isolatedDatabase.url!, pool: { max: 4 } });
    try {
      const input = { provider: 'claude_code', externalId: 'user_123', email: 'cc@example.com' };
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => upsertUserByExternalId(i % 2 ? a.db : b.db, input)));
      expect(new Set(results.map((u) => u.id)).size).toBe(1);
      expect(await a.db.$count(users, eq(users.externalId, 'user_123'))).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
