import { users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect } from 'vitest';
import {
  ConnectionError,
  TimeoutError,
  TransactionScopeError,
  UniqueViolationError,
  createDatabase,
  rowsOf,
  transaction,
  type OrgDatabase,
} from '../src/index.ts';
import { collectUncaught } from './support/collectUncaught.ts';

// Faults a server can show and PGlite cannot: killed backends, timeouts, concurrent sessions.
describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres')('reliability on PostgreSQL', () => {
  async function withClient<T>(url: string, options: Parameters<typeof createDatabase>[0], fn: (d: OrgDatabase, admin: postgres.Sql) => Promise<T>) {
    const database = createDatabase({ url, ...options });
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      return await fn(database, admin);
    } finally {
      await database.close();
      await admin.end();
    }
  }

  test('a backend killed mid-transaction: typed error, nothing committed, nothing run later, pool recovers', async ({ isolatedDatabase }) => {
    const uncaught = collectUncaught();
    try {
      await withClient(isolatedDatabase.url!, { pool: { max: 2 } }, async ({ db }, admin) => {
        let ranAfterKill = false;
        const error = await transaction(db, async (tx) => {
          await tx.insert(users).values({ email: 'doomed@example.test' });
          const [{ pid }] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
          await admin`select pg_terminate_backend(${pid})`;
          await tx.insert(users).values({ email: 'after-kill@example.test' });
          ranAfterKill = true;
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConnectionError);
        expect(ranAfterKill).toBe(false);
        expect(await admin`select email from users`).toEqual([]);
        // The pool opens a new connection for the next request.
        const [next] = await db.insert(users).values({ email: 'next@example.test' }).returning();
        expect(next?.email).toBe('next@example.test');
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
    } finally {
      uncaught.stop();
    }
    expect(uncaught.errors).toEqual([]);
  });

  test('pool exhausted: the third transaction gets a prompt typed timeout and no backend leaks', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url!, { pool: { max: 2, acquireTimeoutMs: 300 }, applicationName: 'exhaust' }, async ({ db }, admin) => {
      let release!: () => void;
      const hold = new Promise<void>((resolve) => (release = resolve));
      const long = [0, 1].map(() =>
        transaction(db, async (tx) => {
          await tx.execute(sql`select 1`);
          await hold;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const third = await transaction(db, async (tx) => tx.execute(sql`select 1`)).catch((e: unknown) => e);
      expect(third).toBeInstanceOf(TimeoutError);
      expect((third as TimeoutError).kind).toBe('connection');
      expect(Date.now() - started).toBeLessThan(2_000);
      release();
      await Promise.all(long);
      const backends = await admin`select count(*)::int as n from pg_stat_activity where application_name = 'exhaust'`;
      expect(backends[0]!.n).toBeLessThanOrEqual(2);
      // The pool still serves transactions afterwards.
      expect(await transaction(db, async () => 'ok')).toBe('ok');
    });
  });

  test('the outer client used inside a transaction is a typed error at once, not a wait for itself', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url!, { pool: { max: 1, acquireTimeoutMs: 60_000 } }, async ({ db }) => {
      // With a 60 s acquire timeout, anything but an immediate refusal would time the test out.
      const error = await transaction(db, async (tx) => {
        await tx.insert(users).values({ email: 'inner@example.test' });
        await db.select().from(users); // the outer db: its only connection is this transaction's
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionScopeError);
      const nested = await transaction(db, async () => transaction(db, async () => 'inner')).catch((e: unknown) => e);
      expect(nested).toBeInstanceOf(TransactionScopeError);
      // Rolled back, and the client serves the next request.
      expect(await db.select().from(users)).toEqual([]);
    });
  }, 30_000);

  test('an idle pooled connection killed: no unhandled error, the next query works', async ({ isolatedDatabase }) => {
    const uncaught = collectUncaught();
    try {
      await withClient(isolatedDatabase.url!, { pool: { max: 1 }, applicationName: 'idle-victim' }, async (database, admin) => {
        expect((await database.healthCheck()).ok).toBe(true);
        const killed = await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'idle-victim'`;
        expect(killed.length).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await database.db.select().from(users)).toEqual([]);
      });
    } finally {
      uncaught.stop();
    }
    expect(uncaught.errors).toEqual([]);
  });

  test('a statement timeout is a typed error and the connection stays usable', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url!, { pool: { max: 1 }, statementTimeoutMs: 200 }, async ({ db }) => {
      const error = await db.execute(sql`select pg_sleep(2)`).then(
        () => null,
        (e: unknown) => (e instanceof Error ? e : null),
      );
      const { mapDatabaseError } = await import('../src/index.ts');
      expect(mapDatabaseError(error)).toBeInstanceOf(TimeoutError);
      expect((mapDatabaseError(error) as TimeoutError).kind).toBe('statement');
      expect(rowsOf(await db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
    });
  });

  test('two transactions racing for one unique key: the loser gets the typed error and reads the winner', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url!, { pool: { max: 3 } }, async ({ db }) => {
      let releaseWinner!: () => void;
      const winnerHolds = new Promise<void>((resolve) => (releaseWinner = resolve));
      const winner = transaction(db, async (tx) => {
        await tx.insert(users).values({ email: 'race@example.test', name: 'winner' });
        await winnerHolds;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const loser = transaction(db, (tx) => tx.insert(users).values({ email: 'race@example.test', name: 'loser' })).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 100));
      releaseWinner();
      await winner;
      const error = await loser;
      expect(error).toBeInstanceOf(UniqueViolationError);
      expect(error).toMatchObject({ constraint: 'users_email_live_key', columns: ['email'] });
      const [row] = await db.select().from(users).where(eq(users.email, 'race@example.test'));
      expect(row?.name).toBe('winner');
    });
  });

  test('16 concurrent serializable writers for a bounded time: no lost update, retries counted', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url!, { pool: { max: 16 } }, async ({ db }) => {
      const counters = await db
        .insert(users)
        .values([0, 1, 2].map((i) => ({ email: `counter${i}@example.test`, metadata: { preferences: { n: 0 } } })))
        .returning();
      const deadline = Date.now() + 2_000;
      let committed = 0;
      let retries = 0;
      await Promise.all(
        Array.from({ length: 16 }, async (_, w) => {
          while (Date.now() < deadline) {
            const target = counters[(w + committed) % counters.length]!;
            await transaction(
              db,
              async (tx) => {
                const [row] = await tx.select().from(users).where(eq(users.id, target.id));
                const n = Number(row!.metadata.preferences?.n ?? 0);
                await tx
                  .update(users)
                  .set({ metadata: { preferences: { n: n + 1 } } })
                  .where(eq(users.id, target.id));
              },
              { isolationLevel: 'serializable', retry: { maxAttempts: 50, baseDelayMs: 2, maxDelayMs: 50 }, onRetry: () => retries++ },
            );
            committed++;
          }
        }),
      );
      const rows = await db.select().from(users);
      const total = rows.reduce((sum, r) => sum + Number(r.metadata.preferences?.n ?? 0), 0);
      console.log(`16 writers: ${committed} transactions committed, ${retries} retries`);
      expect(total).toBe(committed);
      expect(committed).toBeGreaterThan(16);
      expect(retries).toBeGreaterThan(0);
    });
  }, 60_000);
});
