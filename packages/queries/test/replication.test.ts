import { migrate } from '@org/migrations';
import { users } from '@org/schema';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartClusters, startReplicatedPair } from '../../../tooling/replicatedPair.ts';
import { createDatabase, transaction, type OrgDatabase } from '../src/index.ts';

// A real streaming replica (pg_basebackup of a throwaway primary, started on other ports).
describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres' && canStartClusters)('a streaming read replica', () => {
  let pair: Awaited<ReturnType<typeof startReplicatedPair>>;
  let database: OrgDatabase;

  beforeAll(async () => {
    pair = await startReplicatedPair();
    const direct = postgres(pair.primaryUrl, { max: 1, onnotice: () => {} });
    await migrate(direct); // migrations go to the primary, on a direct connection
    await direct.end();
    database = createDatabase({ url: pair.primaryUrl, replicas: [pair.replicaUrl], pool: { max: 2 } });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    pair?.stop();
  });

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('reads from the replica, writes to the primary', async () => {
    await database.db.insert(users).values({ email: 'replicated@example.test' });
    const seen = await eventually(
      () => database.db.select({ email: users.email, standby: sql<boolean>`pg_is_in_recovery()` }).from(users),
      (rows) => rows.length === 1,
    );
    expect(seen).toEqual([{ email: 'replicated@example.test', standby: true }]);
    const [onPrimary] = await database.primary.select({ standby: sql<boolean>`pg_is_in_recovery()` }).from(users);
    expect(onPrimary?.standby).toBe(false);
  });

  it('runs transactions on the primary, where a read sees the transaction\'s own writes', async () => {
    const inside = await transaction(database.db, async (tx) => {
      await tx.insert(users).values({ email: 'own-write@example.test' });
      return tx.select({ email: users.email, standby: sql<boolean>`pg_is_in_recovery()` }).from(users).where(eq(users.email, 'own-write@example.test'));
    });
    expect(inside).toEqual([{ email: 'own-write@example.test', standby: false }]);
  });
});
