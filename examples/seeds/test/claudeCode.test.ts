// Seed 004 (claude_code): every code example of the team's database guide, written against @org as the
// team would (src/claudeCode), run on PGlite and PostgreSQL. One describe per guide section.
import { orgMigrationsFolder, readMigrationFolder, type MigrationClient } from '@org/migrations';
import {
  ConfigurationError,
  createDatabase,
  indexUsage,
  mapDatabaseError,
  rowsOf,
  toDataLayerError,
  upsertUserByExternalId,
  type OrgDatabase,
  type OrgDb,
} from '@org/queries';
import { auditLogs, prompts, sessions, users, type NewUser, type User } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, expectTypeOf } from 'vitest';
import { openDatabase } from '../src/claudeCode/connection.ts';
import { createUser, createUsers, upsertUser, upsertUserWithRepository } from '../src/claudeCode/create.ts';
import { deleteStaleSessions, deleteUser, deleteUserAndSessions, listActiveUsers, softDeleteUser } from '../src/claudeCode/delete.ts';
import { checkDatabaseHealth, getMigrationStatus, recordUserUpdate } from '../src/claudeCode/helpers.ts';
import { CLAUDE_CODE, claudeCodeId, generateId } from '../src/claudeCode/identity.ts';
import { runMigrations } from '../src/claudeCode/migrations.ts';
import { userSessionStats } from '../src/claudeCode/rawSql.ts';
import { countUsers, findActiveCompanyUsers, findUserById, findUserWithSessions, paginateUsers } from '../src/claudeCode/read.ts';
import { createWithOptionalRollback, onboardUser } from '../src/claudeCode/transactions.ts';
import { rotateToken, setDarkTheme, updateUserName } from '../src/claudeCode/update.ts';

const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';
const DAY = 86_400_000;

/** Runs a statement expected to fail inside a savepoint, so the test's transaction stays usable. */
function failure(db: OrgDb, run: (tx: OrgDb) => Promise<unknown>): Promise<unknown> {
  return db
    .transaction((tx) => run(tx))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
}

describe('Database Configuration and Schema Definition', () => {
  test('a missing database URL is a ConfigurationError', () => {
    expect(() => openDatabase(undefined)).toThrow(ConfigurationError);
    expect(() => openDatabase('')).toThrow(ConfigurationError);
  });

  test.runIf(onPostgres)('the db module connects with the @org schema and its relations', async ({ isolatedDatabase }) => {
    const database = openDatabase(isolatedDatabase.url!);
    try {
      expect(await database.db.query.users.findMany({ with: { sessions: true } })).toEqual([]);
      expect(await checkDatabaseHealth(database.db)).toBe(true);
    } finally {
      await database.close();
    }
  });

  test("Type inference: User and NewUser are @org's; ids are uuids, the team id is externalId, lastLoginAt may be null", () => {
    expectTypeOf<User>().toEqualTypeOf<typeof users.$inferSelect>();
    expectTypeOf<NewUser>().toEqualTypeOf<typeof users.$inferInsert>();
    expectTypeOf<User['lastLoginAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<User['externalId']>().toEqualTypeOf<string | null>();
  });

  test('Index Strategy: idx_users_email exists (with the live-email unique index)', async ({ db }) => {
    const names = (await indexUsage(db, { schema: 'public' })).filter((i) => i.table === 'users').map((i) => i.index);
    expect(names).toEqual(expect.arrayContaining(['idx_users_email', 'users_email_live_key']));
  });
});

describe('Migration Procedures: Run Migrations', () => {
  test('the migrate script on an up-to-date database applies nothing and skips every migration', async ({ isolatedDatabase }) => {
    const result = await runMigrations(isolatedDatabase.client as MigrationClient);
    expect(result.applied).toEqual([]);
    expect(result.skipped).toContain('0005_scraping_optional_parents');
  });
});

describe('CRUD: Create', () => {
  test('single and bulk insert keep the team ids in external_id; a created user has not signed in', async ({ db }) => {
    const [user] = await createUser(db);
    expect(user).toMatchObject({ authProvider: CLAUDE_CODE, externalId: 'user_123', email: 'user@example.com', name: 'John Doe', lastLoginAt: null });
    expect(user!.id).toMatch(/^[0-9a-f-]{36}$/);
    const bulk = await createUsers(db);
    expect(bulk.map((u) => u.externalId)).toEqual(['user_1', 'user_2']);
    // The guide's `id: 'user_123'` unchanged: the uuid key refuses it.
    const error = await failure(db, (tx) => tx.insert(users).values({ id: 'user_9', email: 'nine@example.com' }));
    expect(mapDatabaseError(error)).toMatchObject({ code: 'VALIDATION' });
  });

  test("Insert with conflict handling: the guide's target users.email is 42P10 as written; with the index predicate, or through the repository, it upserts", async ({
    db,
  }) => {
    const unchanged = await failure(db, (tx) =>
      tx
        .insert(users)
        .values({ ...claudeCodeId('user_123'), email: 'ada@example.com', name: 'Ada' })
        .onConflictDoUpdate({ target: users.email, set: { name: 'Ada', lastLoginAt: new Date() } }),
    );
    expect(toDataLayerError(unchanged).sqlState).toBe('42P10');

    const [first] = await upsertUser(db, { id: 'user_123', email: 'ada@example.com', name: 'Ada' });
    expect(first!.lastLoginAt).toBeInstanceOf(Date);
    const [second] = await upsertUser(db, { id: 'user_123', email: 'ada@example.com', name: 'Ada L.' });
    expect(second).toMatchObject({ id: first!.id, name: 'Ada L.' });
    const third = await upsertUserWithRepository(db, { id: 'user_123', email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(third).toMatchObject({ id: first!.id, name: 'Ada Lovelace' });
    expect(await db.$count(users)).toBe(1);

    // After a soft delete the email is free again: the upsert creates a new account.
    await softDeleteUser(db, 'user_123');
    const [fresh] = await upsertUser(db, { id: 'user_123', email: 'ada@example.com', name: 'Ada again' });
    expect(fresh!.id).not.toBe(first!.id);
  });
});

describe('CRUD: Read', () => {
  test('find by id (the team id), with relations (ten newest sessions), conditions, pagination and count', async ({ db, factories }) => {
    const [user] = await createUser(db);
    expect((await findUserById(db, 'user_123'))?.id).toBe(user!.id);
    expect(await findUserById(db, 'user_404')).toBeUndefined();

    await factories.sessions.createList(12, { userId: user!.id });
    const withSessions = await findUserWithSessions(db, 'user_123');
    expect(withSessions?.sessions).toHaveLength(10);

    const signedIn = await factories.users.create({ email: 'a@company.com', lastLoginAt: new Date('2024-06-01T00:00:00Z') });
    await factories.users.create({ email: 'b@company.com', lastLoginAt: new Date('2023-06-01T00:00:00Z') });
    await factories.users.create({ email: 'c@company.com', lastLoginAt: null }); // never signed in
    await factories.users.create({ email: 'd@elsewhere.com', lastLoginAt: new Date('2024-06-01T00:00:00Z') });
    expect((await findActiveCompanyUsers(db)).map((u) => u.id)).toEqual([signedIn.id]);

    await factories.users.createList(20);
    expect(await countUsers(db)).toBe(25);
    const pages = [...(await paginateUsers(db, 1)), ...(await paginateUsers(db, 2))];
    expect(pages).toHaveLength(25);
  });
});

describe('CRUD: Update', () => {
  test('update name and last login; jsonb_set the theme keeping other preferences; conditional token rotation', async ({ db }) => {
    await upsertUser(db, { id: 'user_123', email: 'ada@example.com', name: 'Ada' });
    await db
      .update(users)
      .set({ metadata: { preferences: { fontSize: 14 }, lastDevice: 'mac' }, refreshToken: 'old' })
      .where(eq(users.externalId, 'user_123'));
    const [renamed] = await updateUserName(db, 'user_123', 'New Name');
    expect(renamed?.name).toBe('New Name');

    const [themed] = await setDarkTheme(db, 'user_123');
    expect(themed?.metadata).toEqual({ preferences: { fontSize: 14, theme: 'dark' }, lastDevice: 'mac' });

    expect((await rotateToken(db, 'user_123', 'old', 'new')).refreshToken).toBe('new');
    await expect(rotateToken(db, 'user_123', 'old', 'newer')).rejects.toThrow('Token mismatch');
    expect((await findUserById(db, 'user_123'))?.refreshToken).toBe('new');
  });
});

describe('CRUD: Delete and Soft Delete', () => {
  test('hard delete cascades; stale sessions go by last activity; the explicit cascade in a transaction', async ({ db, factories }) => {
    const { user } = await onboardUser(db, { id: 'user_1', email: 'one@example.com', name: 'One' });
    const [deleted] = await deleteUser(db, 'user_1');
    expect(deleted?.id).toBe(user.id);
    expect(await db.$count(sessions, eq(sessions.userId, user.id))).toBe(0);
    expect(await db.$count(prompts, eq(prompts.userId, user.id))).toBe(0);

    const other = await factories.users.create();
    await factories.sessions.create({ userId: other.id, lastActiveAt: new Date(Date.now() - 40 * DAY) });
    const recent = await factories.sessions.create({ userId: other.id, lastActiveAt: new Date() });
    expect(await deleteStaleSessions(db, other.id, new Date(Date.now() - 30 * DAY))).toBe(1);
    expect((await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, other.id))).map((s) => s.id)).toEqual([recent.id]);

    await deleteUserAndSessions(db, other.id);
    expect(await db.$count(users, eq(users.id, other.id))).toBe(0);
  });

  test('soft delete hides the user from the non-deleted query and from lookups by team id', async ({ db }) => {
    await createUsers(db);
    await softDeleteUser(db, 'user_1');
    expect((await listActiveUsers(db)).map((u) => u.externalId)).toEqual(['user_2']);
    expect(await findUserById(db, 'user_1')).toBeUndefined();
    expect(await db.$count(users)).toBe(2);
  });
});

describe('Transactions', () => {
  test('user, welcome session and prompt together; generateId gives the uuids @org keys need', async ({ db }) => {
    const { user, session } = await onboardUser(db, { id: 'user_123', email: 'ada@example.com', name: 'Ada' });
    expect(session).toMatchObject({ userId: user.id, title: 'Welcome Session' });
    const [prompt] = await db.select().from(prompts).where(eq(prompts.sessionId, session.id));
    expect(prompt).toMatchObject({ userId: user.id, content: 'Welcome to Claude Code!' });
    // A failing step rolls all of it back: the same email again hits the live-email unique index.
    const error = await onboardUser(db, { id: 'user_456', email: 'ada@example.com', name: 'Dup' }).catch((e: unknown) => e);
    expect(mapDatabaseError(error)).toMatchObject({ code: 'UNIQUE_VIOLATION' });
    expect(await db.$count(users)).toBe(1);
    expect(await db.$count(sessions)).toBe(1);
  });

  test('tx.rollback() writes nothing and lands in the catch; without it both rows commit', async ({ db }) => {
    const userData = { id: generateId(), email: 'r@example.com', ...claudeCodeId('user_r') };
    const sessionData = { id: generateId(), userId: userData.id, title: 'S' };
    expect(await createWithOptionalRollback(db, userData, sessionData, true)).toBe(false);
    expect(await db.$count(users)).toBe(0);
    expect(await createWithOptionalRollback(db, userData, sessionData, false)).toBe(true);
    expect(await db.$count(sessions, eq(sessions.userId, userData.id))).toBe(1);
  });
});

describe('Raw SQL Queries', () => {
  test('session counts per user since a date, most first, typed as numbers', async ({ db, factories }) => {
    const busy = await factories.users.create();
    const quiet = await factories.users.create();
    await factories.sessions.createList(3, { userId: busy.id });
    await factories.sessions.create({ userId: quiet.id });
    const stats = await userSessionStats(db, new Date(Date.now() - DAY), 10);
    expect(stats.map((s) => [s.id, s.session_count])).toEqual([
      [busy.id, 3],
      [quiet.id, 1],
    ]);
    expect(await userSessionStats(db, new Date(Date.now() + DAY), 10)).toEqual([]);
  });

  test("the guide's lines that change, as written: old table names are 42P01; a Date in raw SQL works on both (createDatabase binds it)", async ({ db }) => {
    const oldNames = await failure(db, (tx) => tx.execute(sql`SELECT u.id FROM claude_code_users u LEFT JOIN claude_code_sessions s ON u.id = s.user_id`));
    expect(toDataLayerError(oldNames).sqlState).toBe('42P01');
    const withDate = await failure(db, (tx) => tx.execute(sql`SELECT count(*) FROM users WHERE created_at >= ${new Date('2024-01-01')}`));
    // The guide's plain drizzle(postgres) fails here on PostgreSQL; a createDatabase client (and the test
    // fixture, configured alike) binds the Date on both engines.
    expect(withDate).toBeUndefined();
    const result = await db.execute(sql`SELECT 1 AS one`);
    expect(rowsOf(result)).toEqual([{ one: 1 }]);
    if (onPostgres) expect((result as { rows?: unknown }).rows).toBeUndefined(); // the guide's result.rows
  });
});

describe('Database Helpers', () => {
  test('health check: true on a live database, false on an unreachable one', async ({ db }) => {
    expect(await checkDatabaseHealth(db)).toBe(true);
    const down = createDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', pool: { connectTimeoutSeconds: 2 } });
    try {
      expect(await checkDatabaseHealth(down.db)).toBe(false);
    } finally {
      await down.close();
    }
  });

  test("migration status lists the applied migrations newest first; the guide's drizzle_migrations table does not exist", async ({ db, isolatedDatabase }) => {
    const applied = await getMigrationStatus({ client: isolatedDatabase.client } as Pick<OrgDatabase, 'client'>);
    expect(applied[0]?.name).toBe(readMigrationFolder(orgMigrationsFolder()).at(-1)?.name);
    expect(applied.at(-1)?.name).toBe('0000_init');
    expect(applied.every((m) => m.state === 'applied')).toBe(true);
    const guide = await failure(db, (tx) => tx.execute(sql`SELECT * FROM drizzle_migrations ORDER BY created_at DESC`));
    expect(toDataLayerError(guide).sqlState).toBe('42P01');
  });

  test('Audit Trail: the entry stores the changes as JSON, not as a JSON string', async ({ db }) => {
    const admin = await upsertUserByExternalId(db, { provider: CLAUDE_CODE, externalId: 'user_admin', email: 'admin@example.com' });
    const [user] = await createUser(db);
    await recordUserUpdate(db, admin.id, user!.id, { name: { from: 'John Doe', to: 'Jane Doe' } });
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.recordId, user!.id));
    expect(entry).toMatchObject({ userId: admin.id, action: 'UPDATE', tableName: 'users', changes: { name: { from: 'John Doe', to: 'Jane Doe' } } });
    const [{ kind }] = rowsOf<{ kind: string }>(await db.execute(sql`select jsonb_typeof(changes) as kind from audit_logs where id = ${entry!.id}`)) as [
      { kind: string },
    ];
    expect(kind).toBe('object');
  });
});
