import { users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { SerializationFailureError, rowsOf, transaction, type OrgDb } from '../src/index.ts';

const userCount = async (db: OrgDb) => (await db.select({ n: count() }).from(users))[0]!.n;

describe('transactions', () => {
  test('commit, rollback on throw, nested savepoints', async ({ db }) => {
    await transaction(db, async (tx) => {
      await tx.insert(users).values({ email: 'kept@example.test' });
      await transaction(tx, async (inner) => {
        await inner.insert(users).values({ email: 'inner-rolled-back@example.test' });
        throw new Error('inner fails');
      }).catch(() => undefined);
    });
    expect(await userCount(db)).toBe(1);
    await expect(
      transaction(db, async (tx) => {
        await tx.insert(users).values({ email: 'gone@example.test' });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await userCount(db)).toBe(1);
  });

  // Retries need a top-level transaction; the test's own `db` is a savepoint, so these use a database of their own.
  test('retries the whole callback on serialization failure, with backoff', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db as unknown as OrgDb;
    await db.execute(sql`create sequence retry_probe`);
    const retries: string[] = [];
    let calls = 0;
    const result = await transaction(
      db,
      async (tx) => {
        calls++;
        await tx.insert(users).values({ email: `attempt${calls}@example.test` });
        // Fails the first two attempts with a real 40001 from the server (sequences are not rolled back).
        await tx.execute(sql`do $$ begin if nextval('retry_probe') <= 2 then raise exception 'conflict' using errcode = '40001'; end if; end $$`);
        return calls;
      },
      { isolationLevel: 'serializable', onRetry: (r) => retries.push(r.code) },
    );
    expect(result).toBe(3);
    expect(retries).toEqual(['40001', '40001']);
    expect((await db.select({ email: users.email }).from(users)).map((u) => u.email)).toEqual(['attempt3@example.test']);
  });

  test('retries when the failure is raised at COMMIT', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db as unknown as OrgDb;
    await db.execute(sql`create sequence commit_probe`);
    await db.execute(sql`create function fail_first_commit() returns trigger language plpgsql as $$
      begin if nextval('commit_probe') = 1 then raise exception 'at commit' using errcode = '40001'; end if; return null; end $$`);
    await db.execute(
      sql`create constraint trigger users_commit_probe after insert on users deferrable initially deferred for each row execute function fail_first_commit()`,
    );
    let calls = 0;
    await transaction(db, async (tx) => {
      calls++;
      await tx.insert(users).values({ email: 'deferred@example.test' });
    });
    expect(calls).toBe(2);
    expect(await userCount(db)).toBe(1);
  });

  test('gives up after maxAttempts with a typed error', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db as unknown as OrgDb;
    let calls = 0;
    const error = await transaction(
      db,
      async (tx) => {
        calls++;
        await tx.execute(sql`do $$ begin raise exception 'always' using errcode = '40001'; end $$`);
      },
      { retry: { maxAttempts: 3, baseDelayMs: 1 } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerializationFailureError);
    expect(calls).toBe(3);
  });

  test('runs with the requested isolation level', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db as unknown as OrgDb;
    const level = await transaction(
      db,
      async (tx) => rowsOf<{ l: string }>(await tx.execute(sql`select current_setting('transaction_isolation') as l`))[0]!.l,
      {
        isolationLevel: 'repeatable read',
      },
    );
    expect(level).toBe('repeatable read');
  });
});

describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres')('concurrent serializable writers (PostgreSQL)', () => {
  test('every retried transaction completes and no update is lost', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db as unknown as OrgDb;
    const [counter] = await db
      .insert(users)
      .values({ email: 'counter@example.test', metadata: { preferences: { n: 0 } } })
      .returning();
    let retries = 0;
    await Promise.all(
      Array.from({ length: 4 }, () =>
        transaction(
          db,
          async (tx) => {
            const [row] = await tx.select().from(users).where(eq(users.id, counter!.id));
            await tx.execute(sql`select pg_sleep(0.05)`);
            const n = Number(row!.metadata.preferences?.n ?? 0);
            await tx
              .update(users)
              .set({ metadata: { preferences: { n: n + 1 } } })
              .where(eq(users.id, counter!.id));
          },
          { isolationLevel: 'serializable', retry: { maxAttempts: 20, baseDelayMs: 5 }, onRetry: () => retries++ },
        ),
      ),
    );
    const [final] = await db.select().from(users).where(eq(users.id, counter!.id));
    expect(final!.metadata.preferences?.n).toBe(4);
    expect(retries).toBeGreaterThan(0);
  });
});
