import { users, type OrgSchema } from '@org/schema';
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { orgTest as test } from '../src/vitest.ts';
import type { TestDb } from '../src/index.ts';

// The per-test savepoint is raw SQL on the file transaction's connection (holdSavepoint). These pin
// what it must keep of drizzle's nested transaction, and what drizzle's did not give: a flat depth.

/**
 * How many savepoints are open on the connection: PostgreSQL gives each subtransaction level a memory
 * context of this name (the top-level one is `TopTransactionContext`); PostgreSQL 14+ and PGlite show them.
 */
const depth = async (db: TestDb<OrgSchema>) => {
  const result = await db.execute(sql`select count(*)::int as n from pg_backend_memory_contexts where name = 'CurTransactionContext'`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return rows[0]!.n;
};
const userCount = async (db: TestDb<OrgSchema>) => db.$count(users);

describe('savepoints do not pile up', () => {
  const depths: number[] = [];
  for (let i = 0; i < 10; i++) {
    test(`test ${i} writes inside its savepoint`, async ({ db }) => {
      depths.push(await depth(db));
      await db.insert(users).values({ email: `depth${i}@example.test` });
      await db.transaction(async (tx) => {
        await tx.insert(users).values({ email: `nested${i}@example.test` });
      });
    });
  }

  test('every test ran at the same depth: its one savepoint inside the file transaction', async ({ db }) => {
    depths.push(await depth(db));
    expect(new Set(depths).size).toBe(1);
    expect(depths[0]).toBe(1);
    expect(await userCount(db)).toBe(0);
  });
});

describe('code under test that rolls back', () => {
  test('an inner rollback keeps the outer writes of the same test', async ({ db }) => {
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ email: 'kept@example.test' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(users).values({ email: 'dropped@example.test' });
          inner.rollback();
        }),
      ).rejects.toThrow();
    });
    expect((await db.select({ email: users.email }).from(users)).map((u) => u.email)).toEqual(['kept@example.test']);
  });

  test('each test gets a transaction object of its own, not the file transaction', async ({ db, fileDb }) => {
    expect(db).not.toBe(fileDb);
    await db.insert(users).values({ email: 'own@example.test' });
    expect(await userCount(fileDb)).toBe(1); // one connection: the file transaction sees the test's write
  });
});

describe('a failed statement inside a test', () => {
  test('aborts the rest of the test transaction, as in PostgreSQL (25P02)', async ({ db }) => {
    await db.insert(users).values({ email: 'dup@example.test' });
    await expect(db.insert(users).values({ email: 'dup@example.test' })).rejects.toMatchObject({ cause: { code: '23505' } });
    await expect(userCount(db)).rejects.toMatchObject({ cause: { code: '25P02' } });
  });

  test('and the next test starts clean and usable', async ({ db }) => {
    expect(await userCount(db)).toBe(0);
    await db.insert(users).values({ email: 'dup@example.test' });
    expect(await userCount(db)).toBe(1);
  });

  test('a nested transaction around an expected failure keeps the test usable', async ({ db }) => {
    await db.insert(users).values({ email: 'first@example.test' });
    await expect(db.transaction((tx) => tx.insert(users).values({ email: 'first@example.test' }))).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await userCount(db)).toBe(1);
  });
});

describe('a test that throws after writing', () => {
  test.fails('fails (expected) after a write', async ({ db }) => {
    await db.insert(users).values({ email: 'thrown@example.test' });
    throw new Error('the test fails after writing');
  });

  test('leaves nothing for the next test', async ({ db }) => {
    expect(await userCount(db)).toBe(0);
  });
});
