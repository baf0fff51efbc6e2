import { leads, projects, users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expect } from 'vitest';
import { TooManyRowsError, ValidationError, createOrgRepositories, createRepository, execute, type AnyDb } from '../src/index.ts';

// Generic writes cannot set keys, timestamps, deletion state or ownership (a request body passed
// straight in must not move a project to another user without the audit entry transferProject
// writes); reads never drop rows silently.

const notes = pgTable('mass_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('owner_id').notNull(),
  body: text('body').notNull(),
  rank: integer('rank').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
const createNotes = (db: AnyDb) =>
  db.execute(sql`create table mass_notes (id uuid primary key default gen_random_uuid(), owner_id uuid not null, body text not null,
    rank integer not null default 0, created_at timestamptz not null default now(), deleted_at timestamptz)`);

const issuesOf = (error: unknown) => (error as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`).sort();

describe('mass assignment', () => {
  test('update cannot move a project to another owner, nor touch keys, timestamps or deletion state', async ({ db, factories }) => {
    const [owner, intruder] = await factories.users.createList(2);
    const project = await factories.projects.create({ userId: owner!.id });
    const repos = createOrgRepositories(db);
    const error = await repos.projects
      .update(project.id, { userId: intruder!.id, id: intruder!.id, createdAt: new Date(0), updatedAt: new Date(0), deletedAt: new Date() } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuesOf(error)).toEqual(['createdAt:not_writable', 'deletedAt:not_writable', 'id:not_writable', 'updatedAt:not_writable', 'userId:not_writable']);
    const after = await repos.projects.getById(project.id);
    expect(after.userId).toBe(owner!.id);
    expect(after.updatedAt).toEqual(project.updatedAt);
    // An allowed field still updates.
    expect((await repos.projects.update(project.id, { name: 'renamed' })).name).toBe('renamed');
  });

  test('create cannot choose a generated id, timestamps or deletion state; the owner is set on create', async ({ db, factories }) => {
    const owner = await factories.users.create();
    const repos = createOrgRepositories(db);
    const chosen = '00000000-0000-4000-8000-000000000001';
    const error = await repos.projects
      .create({ name: 'p', userId: owner.id, id: chosen, createdAt: new Date(0), deletedAt: new Date() } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuesOf(error)).toEqual(['createdAt:not_writable', 'deletedAt:not_writable', 'id:not_writable']);
    expect(await repos.projects.count({ withDeleted: true })).toBe(0);
    const created = await repos.projects.create({ name: 'p', userId: owner.id });
    expect(created.userId).toBe(owner.id);
    // Unknown keys are refused too, not silently dropped.
    expect(await repos.users.create({ email: 'x@example.test', isAdmin: true } as never).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
  });

  test("a consumer's own table: the same protection by default, opted back in with writable", async ({ db }) => {
    await createNotes(db);
    const strict = createRepository(db, notes, { immutable: ['ownerId'] });
    const note = await strict.create({ ownerId: '00000000-0000-4000-8000-00000000000a', body: 'hello' });
    expect(await strict.update(note.id, { ownerId: '00000000-0000-4000-8000-00000000000b' }).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    expect(await strict.create({ ownerId: note.ownerId, body: 'x', createdAt: new Date(0) }).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    // An import that must keep history opts in.
    const importer = createRepository(db, notes, { writable: ['id', 'createdAt'] });
    const kept = await importer.create({
      id: '00000000-0000-4000-8000-0000000000ff',
      ownerId: note.ownerId,
      body: 'old',
      createdAt: new Date('2001-02-03T04:05:06Z'),
    });
    expect(kept.createdAt.toISOString()).toBe('2001-02-03T04:05:06.000Z');
    expect(kept.id).toBe('00000000-0000-4000-8000-0000000000ff');
  });
});

describe('reads never drop rows silently', () => {
  test('findMany without a limit returns all 150 matches, and fails loudly past maxRows', async ({ db, factories }) => {
    await factories.leads.createList(150);
    const repos = createOrgRepositories(db);
    expect(await repos.leads.findMany()).toHaveLength(150);
    const small = createRepository(db, leads, { maxRows: 100 });
    const error = await small.findMany().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRowsError);
    expect(error).toMatchObject({ table: 'leads', maxRows: 100 });
    // An explicit limit is an explicit cut.
    expect(await small.findMany({ limit: 100 })).toHaveLength(100);
    expect(await small.findMany({ limit: 101 }).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
  });

  test('findManyWith without a limit is bounded the same way: all rows up to maxRows, TooManyRowsError past it', async ({ db, factories }) => {
    await factories.leads.createList(12);
    const exact = createRepository(db, leads, { maxRows: 12 });
    expect(await exact.findManyWith({ with: { partner: true } })).toHaveLength(12);
    const small = createRepository(db, leads, { maxRows: 11 });
    const error = await small.findManyWith({ with: { partner: true } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ table: 'leads', maxRows: 11 });
    expect(error).toBeInstanceOf(TooManyRowsError);
    // With SQL in the config (built per call) too, and an explicit limit is an explicit cut.
    expect(await small.findManyWith({ where: sql`true`, with: { partner: true } }).catch((e: unknown) => e)).toBeInstanceOf(TooManyRowsError);
    expect(await small.findManyWith({ with: { partner: true }, limit: 5 })).toHaveLength(5);
  });

  test('page() takes rows and total from one statement; a page past the end still has the total', async ({ db, factories }) => {
    await factories.leads.createList(23);
    const repo = createOrgRepositories(db).leads;
    const third = await repo.page({ page: 3, pageSize: 10, orderBy: [['createdAt', 'asc']] });
    expect(third).toMatchObject({ total: 23, pageCount: 3 });
    expect(third.items).toHaveLength(3);
    expect(Object.keys(third.items[0]!)).not.toContain('__org_total');
    const past = await repo.page({ page: 9, pageSize: 10 });
    expect(past).toMatchObject({ total: 23, items: [] });
    for (const page of [0, -1, 1.5, Number.POSITIVE_INFINITY, 1e21, Number.NaN]) {
      expect(await repo.page({ page }).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    }
    for (const offset of [-1, 1.5, Number.POSITIVE_INFINITY, 1e21]) {
      expect(await repo.findMany({ offset, limit: 1 }).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    }
  });

  test('paginate refuses after and before together', async ({ db, factories }) => {
    await factories.users.createList(3);
    const repo = createOrgRepositories(db).users;
    const { nextCursor } = await repo.paginate({ limit: 1 });
    expect(await repo.paginate({ after: nextCursor!, before: nextCursor! }).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    expect(await execute(db, sql`select count(*) as n from ${users}`)).toEqual([{ n: '3' }]);
    expect(await execute(db, sql`select count(*) as n from ${projects}`)).toEqual([{ n: '0' }]);
  });
});
