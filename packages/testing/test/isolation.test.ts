import { users, type OrgSchema } from '@org/schema';
import { count, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { orgTest as test } from '../src/vitest.ts';
import type { TestDb } from '../src/index.ts';

// Written in the file-level transaction: visible to every test below, rolled back after the file.
let fileUserId = '';
test.beforeAll(async ({ fileDb }) => {
  const [user] = await fileDb.insert(users).values({ email: 'file-setup@example.test' }).returning();
  fileUserId = user!.id;
});

const userCount = async (db: TestDb<OrgSchema>) => (await db.select({ n: count() }).from(users))[0]!.n;

describe('per-test rollback', () => {
  for (let i = 0; i < 200; i++) {
    test(`test ${i} writes and sees only its own rows plus the file's`, async ({ db }) => {
      expect(await userCount(db)).toBe(1);
      await db.insert(users).values([{ email: `a${i}@example.test` }, { email: `b${i}@example.test` }]);
      expect(await userCount(db)).toBe(3);
      const [setup] = await db.select().from(users).where(eq(users.id, fileUserId));
      expect(setup?.email).toBe('file-setup@example.test');
    });
  }
});

describe('code under test that opens its own transactions', () => {
  test('commits a transaction and a nested one', async ({ db }) => {
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ email: 'outer@example.test' });
      await tx.transaction(async (inner) => {
        await inner.insert(users).values({ email: 'inner@example.test' });
      });
    });
    expect(await userCount(db)).toBe(3);
  });

  test('rolls back its own transaction on throw, keeping the test usable', async ({ db }) => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email: 'doomed@example.test' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await userCount(db)).toBe(1);
  });

  test('leaves nothing behind: the committed rows of the tests before are gone', async ({ db }) => {
    expect(await userCount(db)).toBe(1);
    expect(await db.select().from(users).where(eq(users.email, 'outer@example.test'))).toEqual([]);
  });
});
