// The consumer app's own suite, from the published tarballs: its schema, its factories, its
// module-level client following each test's transaction, and the generic repository API on its tables.
// Over 200 lines on purpose: consumer.test.ts runs it as one vitest invocation in the installed project
// (one worker template), and each test is one capability a new user tries.
import { fileURLToPath } from 'node:url';
import {
  ConfigurationError,
  createDatabase,
  execute,
  createRepository,
  isDataLayerError,
  transaction,
  UniqueViolationError,
  ValidationError,
} from '@org/queries';
import { migrate } from '@org/migrations';
import { useTestDatabase } from '@org/testing/vitest';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { db as appDb } from './shop/db.js';
import { labelsRepo, tasksRepo, teamsRepo } from './shop/repositories.js';
import { labels, shopSchema, tasks, teams } from './shop/schema.js';
import { bumpPriorities, createTaskWithLabels, tasksOfTeam } from './shop/tasks.js';
import { test } from './shop/testing.js';

useTestDatabase(test, appDb);

test('own factories fill required parents and apply traits', async ({ db, factories }) => {
  const task = await factories.tasks.create({}, { traits: ['urgent'] });
  const team = await db.query.teams.findFirst({ where: eq(teams.id, task.teamId) });
  expect(team?.slug).toMatch(/^team-/);
  expect(task.priority).toBe(100);
  const list = await factories.labels.createList(3, { taskId: task.id });
  expect(list.map((l) => l.taskId)).toEqual([task.id, task.id, task.id]);
});

test('app functions on the module-level client run inside the test transaction', async ({ db, factories }) => {
  const team = await factories.teams.create();
  const { task, labels: created } = await createTaskWithLabels({ teamId: team.id, title: 'Ship it', priority: 2 }, ['a', 'b']);
  expect(created).toHaveLength(2);
  expect(await bumpPriorities(team.id)).toBe(1);
  // The fixture db (the test transaction) sees what the app wrote through its own client.
  expect((await db.query.tasks.findFirst({ where: eq(tasks.id, task.id) }))?.priority).toBe(3);
  const [counted] = await execute<{ n: string }>(appDb, sql`select count(*) as n from shop_tasks where team_id = ${team.id}`);
  expect(counted).toEqual({ n: '1' }); // int8 as an exact string on both engines
  const listed = await tasksOfTeam(team.id);
  expect(listed.map((t) => [t.title, t.labels.map((l) => l.name).sort()])).toEqual([['Ship it', ['a', 'b']]]);
});

test('and the next test sees none of it', async ({ db }) => {
  expect(await db.$count(tasks)).toBe(0);
  expect(await tasksRepo.count()).toBe(0);
});

test('typed relational reads: a one relation to a soft-deleted row is null', async ({ factories }) => {
  const task = await factories.tasks.create();
  const [label] = await factories.labels.createList(1, { taskId: task.id });
  const withTeam = await tasksRepo.findByIdWith(task.id, { with: { team: true, labels: true } });
  expect(withTeam?.team.id).toBe(task.teamId);
  expect(withTeam?.labels.map((l) => l.id)).toEqual([label!.id]);

  await tasksRepo.softDelete(task.id);
  const orphan = await labelsRepo.findByIdWith(label!.id, { with: { task: true } });
  expect(orphan?.task).toBeNull();
  const teamWith = await teamsRepo.findFirstWith({ where: eq(teams.id, task.teamId), with: { tasks: true } });
  expect(teamWith?.tasks).toEqual([]);
});

test('soft delete hides, restore brings back, purge removes', async ({ factories }) => {
  const [a, b] = await factories.tasks.createList(2);
  expect(await tasksRepo.delete(a!.id)).toBe(true);
  expect(await tasksRepo.findById(a!.id)).toBeUndefined();
  expect((await tasksRepo.findById(a!.id, { withDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
  expect(await tasksRepo.count({ onlyDeleted: true })).toBe(1);
  expect(await tasksRepo.count()).toBe(1);
  expect((await tasksRepo.restore(a!.id)).deletedAt).toBeNull();
  expect(await tasksRepo.count()).toBe(2);
  expect(await tasksRepo.purge(b!.id)).toBe(true);
  // A factory trait writes a soft-deleted row: hidden from default reads.
  const gone = await factories.tasks.create({}, { traits: ['deleted'] });
  expect(await tasksRepo.findById(gone.id)).toBeUndefined();
  expect(await tasksRepo.count({ where: { id: { in: [a!.id, gone.id] } } })).toBe(1);
  expect(await tasksRepo.findById(b!.id, { withDeleted: true })).toBeUndefined();
});

test('typed filters: in lists, comparisons, like on text, null', async ({ factories }) => {
  const team = await factories.teams.create();
  const made = await factories.tasks.createList(6, (i) => ({ teamId: team.id, title: `t${i}`, priority: i, notes: i % 2 ? 'odd' : null }));
  const ids = made.slice(0, 3).map((t) => t.id);
  expect((await tasksRepo.findMany({ where: { id: { in: ids } } })).map((t) => t.id).sort()).toEqual([...ids].sort());
  expect(await tasksRepo.count({ where: { priority: { in: [1, 3, 5] }, notes: 'odd' } })).toBe(3);
  expect(await tasksRepo.count({ where: { priority: { gte: 4 }, title: { like: 't%' } } })).toBe(2);
  expect(await tasksRepo.count({ where: { notes: null } })).toBe(3);
  expect(await tasksRepo.count({ where: { or: [{ priority: 0 }, { priority: { notIn: [0, 1, 2, 3, 4] } }] } })).toBe(2);
  expect(await tasksRepo.exists({ where: { teamId: team.id, priority: { gt: 5 } } })).toBe(false);
});

test('filters from request input are checked at run time', async () => {
  const fromRequest = JSON.parse('{"priority":{"like":"1%"}}') as never;
  await expect(tasksRepo.count({ where: fromRequest })).rejects.toBeInstanceOf(ValidationError);
  await expect(tasksRepo.count({ where: JSON.parse('{"secret":1}') as never })).rejects.toBeInstanceOf(ValidationError);
  // A sort outside `sortable` does not compile (types.test-d.ts); from a request it is refused here.
  const sortFromRequest = JSON.parse('[["notes","asc"]]') as never;
  await expect(tasksRepo.findMany({ orderBy: sortFromRequest })).rejects.toBeInstanceOf(ValidationError);
  await expect(tasksRepo.paginate({ sort: sortFromRequest })).rejects.toBeInstanceOf(ValidationError);
  // Not offered by the types on a table without deletedAt; an untyped caller is refused at run time.
  // @ts-expect-error: teams has no restore
  await expect(teamsRepo.restore('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(ValidationError);
  // This one compiles (the options type does not make the engines exclusive) and is refused at run time.
  expect(() => createDatabase({ schema: shopSchema, url: 'postgres://x@127.0.0.1:1/x', pglite: true })).toThrow(ConfigurationError);
});

test('keyset paginate walks every live row once, forwards and back', async ({ factories }) => {
  const team = await factories.teams.create();
  const made = await factories.tasks.createList(7, (i) => ({ teamId: team.id, title: `p${i}`, priority: i % 3 }));
  await tasksRepo.softDelete(made[0]!.id);
  const seen: string[] = [];
  let page = await tasksRepo.paginate({ sort: [['priority', 'desc']], limit: 3 });
  const pages = [page];
  seen.push(...page.items.map((t) => t.id));
  while (page.nextCursor !== undefined) {
    page = await tasksRepo.paginate({ sort: [['priority', 'desc']], limit: 3, after: page.nextCursor });
    pages.push(page);
    seen.push(...page.items.map((t) => t.id));
  }
  expect(seen.sort()).toEqual(
    made
      .slice(1)
      .map((t) => t.id)
      .sort(),
  );
  const priorities = pages.flatMap((p) => p.items.map((t) => t.priority));
  expect(priorities).toEqual([...priorities].sort((x, y) => y - x));
  const back = await tasksRepo.paginate({ sort: [['priority', 'desc']], limit: 3, before: pages[1]!.prevCursor! });
  expect(back.items.map((t) => t.id)).toEqual(pages[0]!.items.map((t) => t.id));
});

test('offset page with total and count', async ({ factories }) => {
  await factories.tasks.createList(5);
  const second = await tasksRepo.page({ page: 2, pageSize: 2, orderBy: [['title', 'asc']] });
  expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2, pageCount: 3 });
  expect(second.items).toHaveLength(2);
  await expect(tasksRepo.page({ pageSize: 51 })).rejects.toBeInstanceOf(ValidationError);
});

test('upsert on a unique column and on a partial unique index keeps one row', async ({ factories }) => {
  const first = await teamsRepo.upsert({ slug: 'acme', name: 'Acme' }, { target: 'slug' });
  const second = await teamsRepo.upsert({ slug: 'acme', name: 'Acme Inc' }, { target: 'slug' });
  expect(second.id).toBe(first.id);
  expect(second.name).toBe('Acme Inc');
  const task = await factories.tasks.create({ teamId: first.id, title: 'Same', priority: 1 });
  const again = await tasksRepo.upsert({ teamId: first.id, title: 'Same', priority: 9 }, { target: ['teamId', 'title'], set: ['priority'] });
  expect(again.id).toBe(task.id);
  expect(again.priority).toBe(9);
});

test('insertBulk copies many rows and returns the count', async ({ factories }) => {
  const task = await factories.tasks.create();
  const rows = Array.from({ length: 600 }, (_, i) => ({ taskId: task.id, name: `bulk ${i}` }));
  expect(await labelsRepo.insertBulk(rows)).toBe(600);
  expect(await labelsRepo.count({ where: { taskId: task.id } })).toBe(600);
});

test('typed errors on the app constraints: unique violation and validation', async ({ factories }) => {
  const team = await factories.teams.create({ slug: 'taken' });
  // A failing statement aborts the test transaction: expect it inside a nested transaction (a savepoint).
  // The repository runs on the transaction through in(tx); the module repository itself inside it is refused.
  const duplicate = await transaction(appDb, (tx) => teamsRepo.in(tx).create({ slug: 'taken', name: 'Again' })).catch((e: unknown) => e);
  expect(isDataLayerError(duplicate, UniqueViolationError)).toBe(true);
  expect(duplicate).toMatchObject({ constraint: 'shop_teams_slug_key', table: 'shop_teams' });
  await factories.tasks.create({ teamId: team.id, title: 'Once' });
  const twice = await transaction(appDb, (tx) => tasksRepo.in(tx).create({ teamId: team.id, title: 'Once' })).catch((e: unknown) => e);
  expect(twice).toMatchObject({ code: 'UNIQUE_VIOLATION', constraint: 'shop_tasks_team_title_live_key' });
  // Database limits are checked before SQL: no transaction needed, the test transaction stays usable.
  await expect(tasksRepo.create({ teamId: team.id, title: 'x'.repeat(101) })).rejects.toBeInstanceOf(ValidationError);
  await expect(tasksRepo.create({ teamId: team.id, title: 'ok', priority: 2 ** 31 })).rejects.toBeInstanceOf(ValidationError);
  // A key the column cannot hold finds nothing (no SQL, no error).
  expect(await tasksRepo.findById('not-a-uuid')).toBeUndefined();
  expect(await labelsRepo.findById(Number('12x'))).toBeUndefined();
  await expect(transaction(appDb, () => tasksRepo.count())).rejects.toMatchObject({ code: 'TRANSACTION_SCOPE' });
  // teamId is immutable: an update that moves a task is refused.
  const task = await factories.tasks.create({ teamId: team.id });
  await expect(tasksRepo.update(task.id, { teamId: team.id })).rejects.toBeInstanceOf(ValidationError);
  expect((await tasksRepo.update(task.id, { title: 'Renamed' })).title).toBe('Renamed');
});

test('concurrent findById calls each get their own row (batched into one statement)', async ({ factories }) => {
  const made = await factories.tasks.createList(5);
  const missing = '00000000-0000-4000-8000-000000000000';
  const ids = [made[3]!.id, missing, made[0]!.id, made[0]!.id, made[4]!.id, made[1]!.id];
  const found = await Promise.all(ids.map((id) => tasksRepo.findById(id)));
  expect(found.map((t) => t?.id)).toEqual([made[3]!.id, undefined, made[0]!.id, made[0]!.id, made[4]!.id, made[1]!.id]);
  const labelled = await factories.labels.createList(3, { taskId: made[2]!.id });
  const byKey = await Promise.all([labelled[2]!.id, labelled[0]!.id, labelled[1]!.id].map((id) => labelsRepo.findById(id)));
  expect(byKey.map((l) => l?.name)).toEqual([labelled[2]!.name, labelled[0]!.name, labelled[1]!.name]);
});

test('a repository built on the fixture db, bound with in(), reads the same rows', async ({ db, factories }) => {
  const task = await factories.tasks.create();
  expect((await createRepository(db, tasks).findById(task.id))?.title).toBe(task.title);
  expect((await tasksRepo.in(appDb).getById(task.id)).id).toBe(task.id);
});

test('pool, replicas and health check: a server that is not there is a reason, not a throw', async () => {
  const unreachable = createDatabase({
    schema: shopSchema,
    url: 'postgres://shop@127.0.0.1:1/shop',
    pool: { max: 3, acquireTimeoutMs: 500, connectTimeoutSeconds: 1 },
    replicas: ['postgres://shop@127.0.0.1:2/shop'],
    applicationName: 'shop-health',
  });
  try {
    const health = await unreachable.healthCheck();
    expect(health.ok).toBe(false);
    expect(health.error).toBe('CONNECTION');
    expect(health.reason).toMatch(/refused/i);
    expect(unreachable.poolStats()).toMatchObject({ max: 3, busy: 0 });
    expect(unreachable.driver).toBe('postgres');
  } finally {
    await unreachable.close();
  }
  expect(() => createDatabase({ schema: shopSchema, url: '' })).toThrow(ConfigurationError);
  expect(() => createDatabase({ schema: shopSchema, url: process.env.SHOP_UNSET_URL })).toThrow(ConfigurationError);
});

test.runIf(process.env.TEST_DATABASE_URL)('pool, replicas and health check on a real server', async () => {
  const url = process.env.TEST_DATABASE_URL!;
  const live = createDatabase({ schema: shopSchema, url, pool: { max: 2, acquireTimeoutMs: 2_000 }, replicas: [url] });
  try {
    const health = await live.healthCheck();
    expect(health).toMatchObject({ ok: true });
    expect(health.serverVersion).toMatch(/^\d+/);
    const stats = live.poolStats();
    expect(stats?.max).toBe(2);
    expect(stats!.size).toBeLessThanOrEqual(2);
  } finally {
    await live.close();
  }
  const missing = new URL(url);
  missing.pathname = '/consumer_no_such_database';
  const lost = createDatabase({ schema: shopSchema, url: missing.toString(), pool: { max: 1, connectTimeoutSeconds: 2 } });
  try {
    const health = await lost.healthCheck();
    expect(health).toMatchObject({ ok: false, reason: 'database does not exist' });
    expect(JSON.stringify(health)).not.toContain('consumer_no_such_database');
  } finally {
    await lost.close();
  }
});

test('the embedded engine: migrated with the app migrations; concurrent key reads are one statement', async () => {
  const statements: string[] = [];
  const embedded = createDatabase({ schema: shopSchema, pglite: true, logger: { logQuery: (query) => void statements.push(query) } });
  try {
    expect(await embedded.healthCheck()).toMatchObject({ ok: true });
    expect(embedded.poolStats()).toBeUndefined();
    expect(embedded.driver).toBe('pglite');
    await migrate(embedded.client, { folder: fileURLToPath(new URL('../migrations', import.meta.url)) });
    const team = await createRepository(embedded.db, teams).create({ slug: 'embedded', name: 'Embedded' });
    const own = createRepository(embedded.db, labels);
    const task = await createRepository(embedded.db, tasks).create({ teamId: team.id, title: 'Batch' });
    const made = await own.createMany(['x', 'y', 'z'].map((name) => ({ taskId: task.id, name })));
    statements.length = 0;
    const found = await Promise.all([made[2]!.id, 999, made[0]!.id, made[1]!.id].map((id) => own.findById(id)));
    expect(found.map((l) => l?.name)).toEqual(['z', undefined, 'x', 'y']);
    expect(statements.filter((q) => q.includes('"shop_labels"'))).toHaveLength(1);
  } finally {
    await embedded.close();
  }
});
