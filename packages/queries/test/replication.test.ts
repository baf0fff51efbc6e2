import { migrate, orgMigrationsFolder } from '@org/migrations';
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

  let primarySql: postgres.Sql;
  let replicaSql: postgres.Sql;

  beforeAll(async () => {
    pair = await startReplicatedPair();
    primarySql = postgres(pair.primaryUrl, { max: 1, onnotice: () => {} });
    replicaSql = postgres(pair.replicaUrl, { max: 1, onnotice: () => {} });
    await migrate(primarySql, { folder: orgMigrationsFolder() }); // migrations go to the primary, on a direct connection
    await replicaCaughtUp();
    database = createDatabase({ url: pair.primaryUrl, replicas: [pair.replicaUrl], pool: { max: 2 } });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await primarySql?.end();
    await replicaSql?.end();
    pair?.stop();
  });

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function replicaCaughtUp(): Promise<void> {
    const [{ lsn }] = (await primarySql`select pg_current_wal_lsn()::text as lsn`) as unknown as [{ lsn: string }];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [{ done }] = (await replicaSql`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`) as unknown as [{ done: boolean }];
      if (done) return;
      if (Date.now() > deadline) throw new Error(`replica did not replay ${lsn} within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('reads from the replica, writes to the primary', async () => {
    await database.db.insert(users).values({ email: 'replicated@example.test' });
    await replicaCaughtUp();
    const seen = await database.db.select({ email: users.email, standby: sql<boolean>`pg_is_in_recovery()` }).from(users);
    expect(seen).toEqual([{ email: 'replicated@example.test', standby: true }]);
    const [onPrimary] = await database.primary.select({ standby: sql<boolean>`pg_is_in_recovery()` }).from(users);
    expect(onPrimary?.standby).toBe(false);
  });

  it("runs transactions on the primary, where a read sees the transaction's own writes", async () => {
    const inside = await transaction(database.db, async (tx) => {
      await tx.insert(users).values({ email: 'own-write@example.test' });
      return tx.select({ email: users.email, standby: sql<boolean>`pg_is_in_recovery()` }).from(users).where(eq(users.email, 'own-write@example.test'));
    });
    expect(inside).toEqual([{ email: 'own-write@example.test', standby: false }]);
  });
});
