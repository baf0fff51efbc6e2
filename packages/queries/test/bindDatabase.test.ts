import { projects } from '@org/schema';
import { orgFactories } from '@org/testing';
import { orgTest as test, useTestDatabase } from '@org/testing/vitest';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import {
  DatabaseBindingEndedError,
  TransactionScopeError,
  ValidationError,
  bindDatabase,
  createDatabase,
  createRepository,
  getLeadByEmail,
  resolveDatabase,
  transaction,
} from '../src/index.ts';

// An application module's client, as the app writes it: `export const { db } = createDatabase(...)`.
// Its URL reaches nothing (port 1 refuses at once): a statement that escaped the test's binding would
// fail with a ConnectionError, so every passing read and write below ran on the test's transaction.
const app = createDatabase({ url: 'postgres://app@127.0.0.1:1/app_never_reached', pool: { max: 1, connectTimeoutSeconds: 1 } });
const db = app.db;

// The app's module-level functions, unchanged: they know only `db`.
async function createProject(data: typeof projects.$inferInsert) {
  const [project] = await db.insert(projects).values(data).returning();
  return project!;
}
const getProject = (id: string) => db.query.projects.findFirst({ where: eq(projects.id, id) });
const countProjects = () => db.$count(projects);
// A repository made at module load, before any test bound anything.
const projectsRepo = createRepository(db, projects);

const engine = process.env.ORG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

useTestDatabase(test, db);

/** Rows one test wrote, looked for by the next; tests of a file run in order. */
const written: string[] = [];
/** Work a test starts and does not await, and the gate that lets it continue in a later test. */
let release: () => void = () => {};
let leftover: Promise<unknown> = Promise.resolve();

describe(`bindDatabase: the app's module-level client on the test's transaction (${engine})`, () => {
  test('module-level functions write and read on the test transaction, seen by the fixture db', async ({ db: testDb, factories }) => {
    const user = await factories.users.create();
    const project = await createProject({ name: 'bound', userId: user.id });
    expect(await getProject(project.id)).toMatchObject({ id: project.id, name: 'bound', status: 'draft' });
    expect(await countProjects()).toBe(1);
    // The same row through the fixture's own db: one transaction, not two clients.
    expect(await testDb.$count(projects, eq(projects.id, project.id))).toBe(1);
    expect((await projectsRepo.getById(project.id)).name).toBe('bound');
    written.push(project.id);
  });

  test('a second test sees none of the first test rows (rolled back with its transaction)', async () => {
    expect(written).toHaveLength(1);
    expect(await getProject(written[0]!)).toBeUndefined();
    expect(await countProjects()).toBe(0);
  });

  test("the app's own db.transaction is a savepoint: its rollback undoes only its block", async ({ db: testDb, factories }) => {
    const user = await factories.users.create();
    const kept = await createProject({ name: 'kept', userId: user.id });
    const failure = new Error('undo the block');
    const outcome = await db
      .transaction(async (tx) => {
        await tx.insert(projects).values({ name: 'undone', userId: user.id });
        throw failure;
      })
      .catch((e: unknown) => e);
    expect(outcome).toBe(failure);
    const committed = await db.transaction(async (tx) => (await tx.insert(projects).values({ name: 'nested', userId: user.id }).returning())[0]!);
    // @org/queries' transaction(): nested under the binding too (no SET TRANSACTION inside a savepoint).
    await transaction(db, (tx) => tx.update(projects).set({ validationScore: 5 }).where(eq(projects.id, kept.id)), { isolationLevel: 'serializable' });
    const names = (await testDb.select({ name: projects.name }).from(projects).orderBy(projects.name)).map((r) => r.name);
    expect(names).toEqual(['kept', 'nested']);
    expect((await getProject(kept.id))?.validationScore).toBe(5);
    expect(committed.name).toBe('nested');
  });

  test('the app client used inside its own transaction is refused (TransactionScopeError), as it is in production', async ({ factories }) => {
    const user = await factories.users.create();
    const outcome = await db
      .transaction(async (tx) => {
        await tx.insert(projects).values({ name: 'through tx', userId: user.id });
        return createProject({ name: 'through the outer db', userId: user.id }); // the classic mistake
      })
      .catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(TransactionScopeError);
    const viaRepository = await transaction(db, async () => projectsRepo.findMany()).catch((e: unknown) => e);
    expect(viaRepository).toBeInstanceOf(TransactionScopeError);
    // Through tx, and after the transaction, all is well.
    expect(await db.transaction(async (tx) => projectsRepo.in(tx).count())).toBe(0);
    expect(await countProjects()).toBe(0);
  });

  test('repositories and prepared reads follow the binding with statements prepared per target', async ({ db: testDb, factories, isolatedDatabase }) => {
    // Two different databases, one project in each: a statement prepared while bound to one and
    // served while bound to the other would return the wrong row.
    const here = await createProject({ name: 'in the test transaction', userId: (await factories.users.create()).id });
    const other = orgFactories(isolatedDatabase.db);
    const there = await other.projects.create({ name: 'in the isolated database', userId: (await other.users.create()).id });
    const inOther = () =>
      bindDatabase(db, isolatedDatabase.db, async () => ({
        found: await projectsRepo.findById(there.id),
        notFound: await projectsRepo.findById(here.id),
        all: (await projectsRepo.findMany()).map((p) => p.name),
      }));
    for (let round = 0; round < 2; round++) {
      expect((await projectsRepo.findById(here.id))?.name).toBe('in the test transaction');
      expect(await projectsRepo.findById(there.id)).toBeUndefined();
      expect(await inOther()).toEqual({
        found: expect.objectContaining({ name: 'in the isolated database' }),
        notFound: undefined,
        all: ['in the isolated database'],
      });
    }
    // A domain function's own prepared-statement cache (getLeadByEmail) is per target as well.
    await factories.leads.create({ email: 'lead@example.com' });
    expect((await getLeadByEmail(db, 'lead@example.com'))?.email).toBe('lead@example.com');
    expect(await bindDatabase(db, isolatedDatabase.db, () => getLeadByEmail(db, 'lead@example.com'))).toBeUndefined();
    expect(resolveDatabase(db)).toBe(testDb);
  });

  test('work a test leaves running is refused once the test ended (part 1: started, not awaited)', async ({ factories }) => {
    const user = await factories.users.create();
    const gate = new Promise<void>((resolve) => (release = resolve));
    leftover = (async () => {
      await gate;
      return createProject({ name: 'leftover', userId: user.id });
    })();
    leftover.catch(() => {}); // observed in the next test
  });

  test('work a test leaves running is refused once the test ended (part 2: never reaches this test)', async ({ db: testDb }) => {
    release();
    await expect(leftover).rejects.toBeInstanceOf(DatabaseBindingEndedError);
    expect(await testDb.$count(projects)).toBe(0);
    // This test's own binding is unaffected.
    expect(await countProjects()).toBe(0);
  });

  test('bindings are per async context: interleaved concurrent bindings never see each other', async ({ db: testDb }) => {
    const targets: { query: unknown }[] = Array.from({ length: 4 }, () => drizzle.mock());
    const current = (): object => resolveDatabase(db);
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 8 }), async (s, picks) => {
        const seen: boolean[] = [];
        const runs = picks.map((pick) =>
          bindDatabase(db, targets[pick]!, async () => {
            for (let step = 0; step < 3; step++) {
              await s.schedule(Promise.resolve());
              seen.push(current() === targets[pick] && (db.query as unknown) === targets[pick]!.query);
            }
            // Nested: the inner binding wins inside, the outer one is back after it.
            await bindDatabase(db, targets[(pick + 1) % 4]!, async () => {
              await s.schedule(Promise.resolve());
              seen.push(current() === targets[(pick + 1) % 4]);
            });
            seen.push(current() === targets[pick]);
          }),
        );
        await s.waitAll();
        await Promise.all(runs);
        expect(seen.every(Boolean)).toBe(true);
        expect(seen).toHaveLength(picks.length * 5);
        // Outside every one of them: the test's own binding.
        expect(resolveDatabase(db)).toBe(testDb);
      }),
      { numRuns: 40 },
    );
  });

  test('a client with replicas: binding its db binds its primary too, reads and writes alike', async ({ db: testDb, factories }) => {
    const replicated = createDatabase({
      url: 'postgres://app@127.0.0.1:1/primary_never_reached',
      replicas: ['postgres://app@127.0.0.1:1/replica_never_reached'],
      pool: { max: 1, connectTimeoutSeconds: 1 },
    });
    try {
      const user = await factories.users.create();
      await bindDatabase(replicated.db, testDb, async () => {
        const [written] = await replicated.primary.insert(projects).values({ name: 'via primary', userId: user.id }).returning();
        expect((await replicated.db.query.projects.findFirst({ where: eq(projects.id, written!.id) }))?.name).toBe('via primary');
        expect(await replicated.db.$count(projects)).toBe(1);
        expect(resolveDatabase(replicated.primary)).toBe(testDb);
      });
    } finally {
      await replicated.close();
    }
  });

  test('misuse is a typed error before any SQL', async ({ db: testDb }) => {
    await expect(bindDatabase(testDb, drizzle.mock(), async () => {})).rejects.toBeInstanceOf(ValidationError);
    await expect(bindDatabase(db, { not: 'a db' }, async () => {})).rejects.toBeInstanceOf(ValidationError);
    await expect(bindDatabase(db, app.primary, async () => {})).rejects.toBeInstanceOf(ValidationError);
    // Not bindable: a plain drizzle db; resolveDatabase returns it as it is.
    const plain = drizzle.mock();
    expect(resolveDatabase(plain)).toBe(plain);
  });
});
