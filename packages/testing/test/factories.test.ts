import { getTableName } from 'drizzle-orm';
import { getTableConfig, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgTables, prompts, sessions, userProfiles, users } from '@org/schema';
import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { orgTest as test } from '../src/vitest.ts';
import { defineFactories, orgFactories } from '../src/index.ts';

describe('org factories', () => {
  for (const [key, table] of Object.entries(orgTables) as [keyof typeof orgTables, (typeof orgTables)[keyof typeof orgTables]][]) {
    test(`creates a valid ${getTableName(table)} row with its foreign keys filled`, async ({ factories }) => {
      const row = (await factories[key].create()) as Record<string, unknown>;
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      for (const fk of getTableConfig(table).foreignKeys) {
        const column = fk.reference().columns[0]!;
        if (column.notNull) {
          const property = Object.entries(table).find(([, c]) => c === column)?.[0] ?? '';
          expect(row[property], `${getTableName(table)}.${column.name}`).toMatch(/^[0-9a-f-]{36}$/);
        }
      }
    });
  }

  test("keeps a graph consistent: a prompt belongs to its session's user", async ({ db, factories }) => {
    const prompt = await factories.prompts.create();
    const [session] = await db.select().from(sessions).where(eq(sessions.id, prompt.sessionId));
    expect(session?.userId).toBe(prompt.userId);
    expect(await db.$count(users)).toBe(1);
  });

  test('build writes nothing and fills required columns', async ({ db, factories }) => {
    const lead = factories.leads.build({ state: 'TX' });
    expect(lead).toMatchObject({ state: 'TX' });
    expect(lead.email).toMatch(/@example\.test$/);
    expect(Number(lead.debtAmount)).toBeGreaterThan(0);
    const job = factories.scrapingJobs.build();
    expect(job.userId).toMatch(/^[0-9a-f-]{36}$/);
    // campaign_id is optional (#13): a required key is filled, an optional one is left out.
    expect(job).not.toHaveProperty('campaignId');
    expect(await db.$count(orgTables.leads)).toBe(0);
  });

  test('traits apply, overrides win over traits', async ({ factories }) => {
    const deleted = await factories.users.create({}, { traits: ['deleted'] });
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    const expired = await factories.userProfiles.create({}, { traits: ['expiredTrial'] });
    expect(expired.trialEndDate!.getTime()).toBeLessThan(Date.now());
    const lead = await factories.leads.create({ status: 'contacted' }, { traits: ['qualified'] });
    expect(lead).toMatchObject({ status: 'contacted', qualificationStatus: 'qualified' });
  });

  test('is deterministic with a seed', async ({ db }) => {
    const a = orgFactories(db, { seed: 42 }).leads.build();
    const b = orgFactories(db, { seed: 42 }).leads.build();
    const c = orgFactories(db, { seed: 43 }).leads.build();
    expect(a).toEqual({ ...b, createdAt: a.createdAt });
    expect(a.email).not.toBe(c.email);
  });

  test('numbers rows with a sequence and keeps unique columns unique', async ({ factories }) => {
    const list = await factories.emailCaptures.createList(25);
    expect(new Set(list.map((r) => r.email)).size).toBe(25);
  });

  test('createList shares one created parent, or takes per-row overrides', async ({ db, factories }) => {
    const projects = await factories.projects.createList(5);
    expect(new Set(projects.map((p) => p.userId)).size).toBe(1);
    const [u1, u2] = await factories.users.createList(2);
    const mixed = await factories.projects.createList(2, (i) => ({ userId: i === 0 ? u1!.id : u2!.id }));
    expect(mixed.map((p) => p.userId)).toEqual([u1!.id, u2!.id]);
    expect(await db.$count(users)).toBe(3);
  });

  test('createList gives each row of a 1:1 child its own parent (user_profiles_user_id_key)', async ({ db, factories }) => {
    const profiles = await factories.userProfiles.createList(3);
    expect(new Set(profiles.map((p) => p.userId)).size).toBe(3);
    expect(await db.$count(users)).toBe(3);
    expect(await db.$count(userProfiles)).toBe(3);
  });

  test('detects a unique foreign key by column, table constraint or index, and shares parents otherwise', async ({ db }) => {
    // Tables of a consumer's own, created inside the test's transaction (rolled back after it).
    const accounts = pgTable('t_accounts', { id: uuid('id').primaryKey().defaultRandom() });
    const ref = () =>
      uuid('account_id')
        .notNull()
        .references(() => accounts.id);
    const byColumn = pgTable('t_by_column', { id: uuid('id').primaryKey().defaultRandom(), accountId: ref().unique() });
    const byConstraint = pgTable('t_by_constraint', { id: uuid('id').primaryKey().defaultRandom(), accountId: ref() }, (t) => [unique().on(t.accountId)]);
    const byIndex = pgTable('t_by_index', { id: uuid('id').primaryKey().defaultRandom(), accountId: ref() }, (t) => [
      uniqueIndex('t_by_index_key').on(t.accountId),
    ]);
    // Unique only together with kind: rows may share an account.
    const byPair = pgTable('t_by_pair', { id: uuid('id').primaryKey().defaultRandom(), accountId: ref(), kind: text('kind').notNull() }, (t) => [
      unique().on(t.accountId, t.kind),
    ]);
    const plain = pgTable('t_plain', { id: uuid('id').primaryKey().defaultRandom(), accountId: ref() });
    for (const ddl of [
      'create table t_accounts (id uuid primary key default gen_random_uuid())',
      'create table t_by_column (id uuid primary key default gen_random_uuid(), account_id uuid not null unique references t_accounts)',
      'create table t_by_constraint (id uuid primary key default gen_random_uuid(), account_id uuid not null references t_accounts, unique (account_id))',
      'create table t_by_index (id uuid primary key default gen_random_uuid(), account_id uuid not null references t_accounts)',
      'create unique index t_by_index_key on t_by_index (account_id)',
      'create table t_by_pair (id uuid primary key default gen_random_uuid(), account_id uuid not null references t_accounts, kind text not null, unique (account_id, kind))',
      'create table t_plain (id uuid primary key default gen_random_uuid(), account_id uuid not null references t_accounts)',
    ]) {
      await db.execute(sql.raw(ddl));
    }
    const f = defineFactories({ accounts, byColumn, byConstraint, byIndex, byPair, plain }, {})(db);
    const parents = async (rows: Promise<{ accountId: string }[]>) => new Set((await rows).map((r) => r.accountId)).size;
    expect(await parents(f.byColumn.createList(3))).toBe(3);
    expect(await parents(f.byConstraint.createList(3))).toBe(3);
    expect(await parents(f.byIndex.createList(3))).toBe(3);
    expect(await parents(f.byPair.createList(3))).toBe(1);
    expect(await parents(f.plain.createList(3))).toBe(1);
    expect(await db.$count(accounts)).toBe(3 + 3 + 3 + 1 + 1);
  });

  test('rejects an unknown trait at run time too', async ({ factories }) => {
    await expect(factories.users.create({}, { traits: ['nope' as 'deleted'] })).rejects.toThrow(/no trait 'nope'/);
  });

  test("works for a consumer's own tables", async ({ db }) => {
    const make = defineFactories({ users, sessions, prompts }, {});
    const prompt = await make(db).prompts.create({ content: 'hello' });
    expect(prompt.content).toBe('hello');
  });
});
