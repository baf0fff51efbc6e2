import { getTableName } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { orgTables, prompts, sessions, users } from '@org/schema';
import { eq } from 'drizzle-orm';
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

  test('keeps a graph consistent: a prompt belongs to its session\'s user', async ({ db, factories }) => {
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
    expect(job.campaignId).toMatch(/^[0-9a-f-]{36}$/);
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

  test('rejects an unknown trait at run time too', async ({ factories }) => {
    await expect(factories.users.create({}, { traits: ['nope' as 'deleted'] })).rejects.toThrow(/no trait 'nope'/);
  });

  test('works for a consumer\'s own tables', async ({ db }) => {
    const make = defineFactories({ users, sessions, prompts }, {});
    const prompt = await make(db).prompts.create({ content: 'hello' });
    expect(prompt.content).toBe('hello');
  });
});
