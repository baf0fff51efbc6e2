// Seed 001 (product-helper): the guide's query functions, which import a module-level `db`, tested
// unchanged. `useTestDatabase(test, db)` puts each test's rolled-back transaction behind that `db`, in
// place of the guide's `cleanDatabase()` between tests. The app's DATABASE_URL points at a port that
// refuses connections: a statement that escaped the test's transaction would fail, so every passing
// read below came from it. Runs on PGlite here and on PostgreSQL in `seeds (postgres)`.
import { activityLog, conversations, messages, projects, type CollectedData } from '@org/schema';
import { orgTest as test, useTestDatabase } from '@org/testing/vitest';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, vi } from 'vitest';

vi.hoisted(() => {
  vi.stubEnv('DATABASE_URL', 'postgres://product_helper@127.0.0.1:1/never_reached');
});
afterAll(() => vi.unstubAllEnvs());

import { projectActors } from '../src/productHelper/collectedData.ts';
import { getActiveProjectsByUser, getProjectStats, searchProjects } from '../src/productHelper/complexQueries.ts';
import { configs, poolConfigFor } from '../src/productHelper/config.ts';
import { database, db } from '../src/productHelper/db.ts';
import { insertMessages, projectSummaries } from '../src/productHelper/performance.ts';
import { createProject, deleteProject, getProject, getProjectWithConversations, getProjectsByUser, updateProject } from '../src/productHelper/projects.ts';
import { createProjectWithConversation, transferProject } from '../src/productHelper/transactions.ts';

useTestDatabase(test, db);

/** Project ids the first tests created, which later tests must not see. */
const created: string[] = [];

// The guide's "Integration Tests", with `testUserId` a user made in the test's own transaction.
describe('Project Queries', () => {
  test('should create and retrieve a project', async ({ factories }) => {
    const testUserId = (await factories.users.create()).id;
    const project = await createProject({
      name: 'Test Project',
      userId: testUserId,
    });

    const retrieved = await getProject(project.id);

    expect(retrieved).toMatchObject({
      id: project.id,
      name: 'Test Project',
      status: 'draft',
    });
    created.push(project.id);
  });

  test('should update project fields', async ({ factories }) => {
    const testUserId = (await factories.users.create()).id;
    const project = await createProject({
      name: 'Original',
      userId: testUserId,
    });

    await updateProject(project.id, { name: 'Updated' });
    const retrieved = await getProject(project.id);

    expect(retrieved?.name).toBe('Updated');
    expect(retrieved?.updatedAt.getTime()).toBeGreaterThan(project.updatedAt.getTime());
    created.push(project.id);
  });

  test('what the previous tests wrote was rolled back with them (the guide cleaned tables by hand)', async ({ db: testDb }) => {
    expect(created).toHaveLength(2);
    for (const id of created) expect(await getProject(id)).toBeUndefined();
    expect(await testDb.$count(projects)).toBe(0);
  });
});

describe('Basic CRUD Operations', () => {
  test('read with relations, paginated lists by user, and delete', async ({ db: testDb, factories }) => {
    const owner = (await factories.users.create()).id;
    const [first, second, third] = [
      await createProject({ name: 'one', userId: owner }),
      await createProject({ name: 'two', userId: owner }),
      await createProject({ name: 'three', userId: owner }),
    ];
    // Distinct updated_at, newest last: the guide orders the list by it. Set explicitly: updates inside one
    // test transaction may share a timestamp (the order of ties is then the server's, which made this flaky).
    for (const p of [first!, second!, third!]) await updateProject(p.id, { description: `touched ${p.name}` });
    for (const [i, p] of [first!, second!, third!].entries()) {
      await testDb
        .update(projects)
        .set({ updatedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)) })
        .where(eq(projects.id, p.id));
    }
    expect((await getProjectsByUser(owner, { limit: 2 })).map((p) => p.name)).toEqual(['three', 'two']);
    expect((await getProjectsByUser(owner, { limit: 2, offset: 2 })).map((p) => p.name)).toEqual(['one']);
    expect(await getProjectsByUser((await factories.users.create()).id, {})).toEqual([]);

    const older = await db.insert(conversations).values({ projectId: first!.id, title: 'older' }).returning();
    const newer = await db.insert(conversations).values({ projectId: first!.id, title: 'newer' }).returning();
    // One transaction, one now(): give the two conversations an order to find the latest by.
    await db
      .update(conversations)
      .set({ createdAt: new Date(Date.UTC(2026, 0, 1)) })
      .where(eq(conversations.id, older[0]!.id));
    const withLatest = await getProjectWithConversations(first!.id);
    expect(withLatest?.conversations.map((c) => c.id)).toEqual([newer[0]!.id]);

    expect(await updateProject('00000000-0000-4000-8000-000000000000', { name: 'nobody' })).toBeNull();
    expect(await deleteProject(second!.id)).toBe(true);
    expect(await deleteProject(second!.id)).toBe(false);
    expect(await getProject(second!.id)).toBeUndefined();
  });
});

describe('Complex Queries', () => {
  test('multiple conditions, SQL operators and raw SQL stats', async ({ factories }) => {
    const owner = (await factories.users.create()).id;
    await createProject({ name: 'Checkout redesign', userId: owner, status: 'active', validationScore: 80 });
    await createProject({ name: 'Checkout copy', userId: owner, status: 'active', validationScore: 40 });
    await createProject({ name: 'Onboarding', userId: owner, validationScore: 10 });
    expect((await getActiveProjectsByUser(owner)).map((p) => p.name).sort()).toEqual(['Checkout copy', 'Checkout redesign']);
    expect((await searchProjects('Checkout', 50)).map((p) => p.name)).toEqual(['Checkout redesign']);
    const stats = (await getProjectStats(owner)).sort((a, b) => a.status.localeCompare(b.status));
    expect(stats.map((s) => [s.status, s.count, Number(s.avg_score)])).toEqual([
      ['active', '2', 60],
      ['draft', '1', 10],
    ]);
  });
});

describe('Transactions', () => {
  test('basic transaction: project, conversation and system message together, inside the test transaction', async ({ factories, db: testDb }) => {
    const owner = (await factories.users.create()).id;
    const project = await createProjectWithConversation({ name: 'With chat', userId: owner }, 'You are a product helper.');
    const conversation = await testDb.query.conversations.findFirst({ where: eq(conversations.projectId, project.id), with: { messages: true } });
    expect(conversation?.messages.map((m) => [m.role, m.content])).toEqual([['system', 'You are a product helper.']]);
  });

  test('a failing last step rolls the whole transaction back (a savepoint under the test)', async ({ factories, db: testDb }) => {
    const owner = (await factories.users.create()).id;
    const before = await createProject({ name: 'Kept', userId: owner });
    // A NULL message content fails the third insert (NOT NULL), after the project and conversation.
    const outcome = await createProjectWithConversation({ name: 'Half done', userId: owner }, null as unknown as string).catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Error);
    expect((await testDb.select({ name: projects.name }).from(projects)).map((p) => p.name)).toEqual(['Kept']);
    expect(await testDb.$count(conversations)).toBe(0);
    // The test transaction itself goes on: the rollback was only the function's own transaction.
    expect((await getProject(before.id))?.name).toBe('Kept');
  });

  test('transfer with rollback: a non-owner changes nothing; the owner moves it and it is logged', async ({ factories, db: testDb }) => {
    const [alice, bob, mallory] = [(await factories.users.create()).id, (await factories.users.create()).id, (await factories.users.create()).id];
    const project = await createProject({ name: 'Moving', userId: alice });
    await expect(transferProject(project.id, mallory, bob)).rejects.toThrow('Project not found or not owned by user');
    expect((await getProject(project.id))?.userId).toBe(alice);
    expect(await testDb.$count(activityLog)).toBe(0);

    expect(await transferProject(project.id, alice, bob)).toEqual({ success: true });
    expect((await getProject(project.id))?.userId).toBe(bob);
    const log = await testDb.select().from(activityLog).where(eq(activityLog.projectId, project.id));
    expect(log.map((l) => [l.type, l.fromUserId, l.toUserId])).toEqual([['project_transfer', alice, bob]]);
  });
});

describe('Type Safety', () => {
  test('JSONB collected data is stored and read back typed', async ({ factories }) => {
    const collected: CollectedData = {
      actors: [{ name: 'Shopper', type: 'primary' }],
      useCases: ['pay'],
      entities: [{ name: 'Order', attributes: ['total'] }],
    };
    const project = await createProject({ name: 'Typed', userId: (await factories.users.create()).id, collectedData: collected });
    expect(await projectActors(project.id)).toEqual([{ name: 'Shopper', type: 'primary' }]);
    expect((await getProject(project.id))?.collectedData).toEqual(collected);
    const bare = await createProject({ name: 'Bare', userId: project.userId });
    expect(await projectActors(bare.id)).toEqual([]);
  });
});

describe('Performance Tips', () => {
  test('select only needed columns, and one batch insert for many messages', async ({ factories, db: testDb }) => {
    const owner = (await factories.users.create()).id;
    const project = await createProjectWithConversation({ name: 'Lean', userId: owner }, 'start');
    expect(await projectSummaries(owner)).toEqual([{ id: project.id, name: 'Lean', status: 'draft' }]);
    const conversation = await testDb.query.conversations.findFirst({ where: eq(conversations.projectId, project.id) });
    await insertMessages([
      { conversationId: conversation!.id, role: 'user', content: 'hi' },
      { conversationId: conversation!.id, role: 'assistant', content: 'hello' },
    ]);
    await insertMessages([]);
    expect(await testDb.$count(messages, eq(messages.conversationId, conversation!.id))).toBe(3);
  });
});

describe('Connection Configuration', () => {
  test('the per-environment pool settings, and the client is a createDatabase one', () => {
    expect(poolConfigFor('test')).toEqual(configs.test);
    expect(poolConfigFor('staging')).toEqual(configs.development);
    expect(poolConfigFor(undefined)).toEqual(configs.development);
    expect(database.driver).toBe('postgres');
    expect(database.db).toBe(db);
  });
});
