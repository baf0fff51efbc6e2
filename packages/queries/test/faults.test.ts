import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { canStartClusters, startThrowawayServer, type ThrowawayServer } from '../../../tooling/throwawayServer.ts';
import { leads, users } from '@org/schema';
import { ConnectionError, TimeoutError, createDatabase, createRepository, execute, transaction, type OrgDatabase, type OrgDb } from '../src/index.ts';
import { collectUncaught } from './support/collectUncaught.ts';
import { fullPoolServes } from './support/fullPoolServes.ts';

// The fault harness: a backend lost at every stage of a transaction — before it, inside a statement,
// while the callback awaits application work, at COMMIT — by a DBA's kill, by the server's own
// idle_in_transaction_session_timeout, and by a server restart. Each time: a typed error, nothing
// half-written, no uncaught error (postgres.js 3.4.9 throws one from a deferred write on a dead socket),
// and the same client keeps serving, at full pool size.

const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';

async function withDatabase<T>(url: string, options: Parameters<typeof createDatabase>[0], fn: (d: OrgDatabase, admin: postgres.Sql) => Promise<T>) {
  const database = createDatabase({ url, ...options });
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const uncaught = collectUncaught();
  try {
    await admin`create table if not exists fault_rows (id serial primary key, batch text not null, n int not null)`;
    await admin`truncate fault_rows`;
    return await fn(database, admin);
  } finally {
    uncaught.stop();
    await database.close();
    await admin.end();
    expect(uncaught.errors).toEqual([]);
  }
}

const rowsOfBatch = async (admin: postgres.Sql, batch: string) =>
  (await admin`select n from fault_rows where batch = ${batch} order by n`).map((r) => r.n as number);
const backendPid = async (tx: OrgDb) => Number((await execute<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid);

/** Waits until the server no longer lists the backend (the kill took effect server-side). */
async function backendGone(admin: postgres.Sql, pid: number): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if ((await admin`select 1 from pg_stat_activity where pid = ${pid}`).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`backend ${pid} still alive`);
}

describe.runIf(onPostgres)('fault harness on PostgreSQL', () => {
  test('killed while the callback awaits application work: typed ConnectionError, nothing committed, pool whole', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 2, acquireTimeoutMs: 5_000 } }, async ({ db }, admin) => {
      // The same fault with the client given more or less time to notice the closed socket first:
      // the next statement either finds the connection marked lost or fails on the wire; both typed.
      for (const settle of [0, 5, 50, 200]) {
        let continued = false;
        const error = await transaction(db, async (tx) => {
          await tx.execute(sql`insert into fault_rows (batch, n) values ('await', ${settle})`);
          const pid = await backendPid(tx);
          await admin`select pg_terminate_backend(${pid})`;
          await backendGone(admin, pid);
          await new Promise((resolve) => setTimeout(resolve, settle)); // the application's own slow work
          await tx.execute(sql`insert into fault_rows (batch, n) values ('await', ${settle + 1000})`);
          continued = true;
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConnectionError);
        expect(continued).toBe(false);
      }
      expect(await rowsOfBatch(admin, 'await')).toEqual([]);
      await fullPoolServes(db, 2);
    });
  });

  test('a COPY (insertBulk) after the connection was lost: typed ConnectionError, not a TypeError', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 2 } }, async ({ db }, admin) => {
      const rows = Array.from({ length: 600 }, (_, i) => ({ name: `L${i}`, email: `l${i}@copy.test`, phone: '5550000000', state: 'CA', debtAmount: '1.00' }));
      const error = await transaction(db, async (tx) => {
        const pid = await backendPid(tx);
        await admin`select pg_terminate_backend(${pid})`;
        await backendGone(admin, pid);
        await new Promise((resolve) => setTimeout(resolve, 50)); // the app's own work; the close is noticed meanwhile
        await createRepository(tx, leads).insertBulk(rows);
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(await admin`select count(*)::int as n from leads`).toEqual([{ n: 0 }]);
      await fullPoolServes(db, 2);
    });
  });

  test('idle_in_transaction_session_timeout fires during a slow call: typed error, no crash, pool whole', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 2, acquireTimeoutMs: 5_000 } }, async ({ db }, admin) => {
      const error = await transaction(db, async (tx) => {
        await tx.execute(sql`set local idle_in_transaction_session_timeout = 50`);
        await tx.execute(sql`insert into fault_rows (batch, n) values ('idle', 1)`);
        const pid = await backendPid(tx);
        await backendGone(admin, pid); // the server ends the session while we "wait for an HTTP call"
        await tx.execute(sql`insert into fault_rows (batch, n) values ('idle', 2)`);
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(await rowsOfBatch(admin, 'idle')).toEqual([]);
      await fullPoolServes(db, 2);
    });
  });

  test('killed at COMMIT: typed error and all-or-nothing, never half', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 2 }, applicationName: 'commit-victim' }, async ({ db }, admin) => {
      // A deferred constraint trigger that sleeps makes COMMIT itself take long enough to be killed in.
      await admin.unsafe(`
        create or replace function fault_slow_commit() returns trigger language plpgsql as $$ begin perform pg_sleep(2); return null; end $$;
        drop trigger if exists fault_slow_commit on fault_rows;
        create constraint trigger fault_slow_commit after insert on fault_rows deferrable initially deferred
          for each row when (new.batch = 'commit') execute function fault_slow_commit();`);
      const pending = transaction(db, async (tx) => {
        await tx.execute(sql`insert into fault_rows (batch, n) select 'commit', g from generate_series(1, 3) g`);
      }).catch((e: unknown) => e);
      for (let i = 0; i < 250; i++) {
        const [victim] = await admin`select pid from pg_stat_activity where application_name = 'commit-victim' and state = 'active' and query ilike 'commit%'`;
        if (victim) {
          await admin`select pg_terminate_backend(${victim.pid})`;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await pending).toBeInstanceOf(ConnectionError);
      expect(((await pending) as ConnectionError).message).toMatch(/COMMIT/);
      expect([[], [1, 2, 3]]).toContainEqual(await rowsOfBatch(admin, 'commit'));
      await admin`drop trigger fault_slow_commit on fault_rows`;
      await fullPoolServes(db, 2);
    });
  });

  test('as many losses as the pool has connections: no slot stays counted, outer reads and transactions still run', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 3, acquireTimeoutMs: 3_000 } }, async ({ db }, admin) => {
      for (let i = 0; i < 6; i++) {
        const error = await transaction(db, async (tx) => {
          const pid = await backendPid(tx);
          await admin`select pg_terminate_backend(${pid})`;
          await backendGone(admin, pid);
          await tx.execute(sql`select 1`);
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConnectionError);
      }
      await fullPoolServes(db, 3);
      expect(await execute<{ one: number }>(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    });
  });

  test('every way of taking a connection waits a bounded time: plain reads too get a typed TimeoutError, and nothing leaks', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 2, acquireTimeoutMs: 300 }, applicationName: 'bounded' }, async ({ db }, admin) => {
      let release!: () => void;
      const hold = new Promise<void>((resolve) => (release = resolve));
      let holding = 0;
      let bothHeld!: () => void;
      const held = new Promise<void>((resolve) => (bothHeld = resolve));
      const holders = [0, 1].map(() =>
        transaction(db, async (tx) => {
          await tx.execute(sql`select 1`);
          if (++holding === 2) bothHeld();
          await hold;
        }),
      );
      await held;
      const repo = createRepository(db, users);
      const reads = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? repo.findMany({ limit: 1 }) : repo.count()).then(
            () => 'ran',
            (e: unknown) => e,
          ),
        ),
      );
      for (const outcome of reads) {
        expect(outcome).toBeInstanceOf(TimeoutError);
        expect((outcome as TimeoutError).kind).toBe('connection');
      }
      const third = await transaction(db, async () => 'ran').catch((e: unknown) => e);
      expect(third).toBeInstanceOf(TimeoutError);
      release();
      await Promise.all(holders);
      const [{ n }] = (await admin`select count(*)::int as n from pg_stat_activity where application_name = 'bounded'`) as unknown as [{ n: number }];
      expect(n).toBeLessThanOrEqual(2);
      // The timed-out reads never reached the server, and the pool serves again.
      expect(await execute<{ one: number }>(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
      await fullPoolServes(db, 2);
    });
  });

  test('application errors, errno codes included, pass through unchanged and always roll back (savepoints too)', async ({ isolatedDatabase }) => {
    await withDatabase(isolatedDatabase.url!, { pool: { max: 1, acquireTimeoutMs: 2_000 } }, async ({ db }, admin) => {
      for (const code of ['ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', '57P01']) {
        const appError = Object.assign(new Error('the upstream HTTP call failed'), { code, cause: Object.assign(new Error('socket'), { code }) });
        const caught = await transaction(db, async (tx) => {
          await tx.execute(sql`insert into fault_rows (batch, n) values ('app', 1)`);
          throw appError;
        }).catch((e: unknown) => e);
        expect(caught).toBe(appError);
        // Rolled back and given back: the pool of one serves the next transaction at once.
        await transaction(db, async (tx) => {
          await tx.execute(sql`insert into fault_rows (batch, n) values ('kept', 1)`);
          const inner = await transaction(tx, async (sp) => {
            await sp.execute(sql`insert into fault_rows (batch, n) values ('nested', 1)`);
            throw appError;
          }).catch((e: unknown) => e);
          expect(inner).toBe(appError);
        });
      }
      expect(await rowsOfBatch(admin, 'app')).toEqual([]);
      expect(await rowsOfBatch(admin, 'nested')).toEqual([]);
      expect(await rowsOfBatch(admin, 'kept')).toEqual([1, 1, 1, 1, 1]);
    });
  });
});

describe.runIf(onPostgres && canStartClusters)('a server restart with transactions in flight', () => {
  let server: ThrowawayServer;
  beforeAll(async () => {
    server = await startThrowawayServer();
  }, 120_000);
  afterAll(() => server?.stop());

  test('in-flight transactions fail typed; the same client then serves at full pool size', async () => {
    await withDatabase(server.url, { pool: { max: 4, acquireTimeoutMs: 10_000, connectTimeoutSeconds: 10 } }, async ({ db }, admin) => {
      let inFlight = 0;
      let allIn!: () => void;
      const started = new Promise<void>((resolve) => (allIn = resolve));
      let restarted!: () => void;
      const afterRestart = new Promise<void>((resolve) => (restarted = resolve));
      const pending = Array.from({ length: 4 }, (_, i) =>
        transaction(db, async (tx) => {
          await tx.execute(sql`insert into fault_rows (batch, n) values ('restart', ${i})`);
          if (++inFlight === 4) allIn();
          await afterRestart;
          await tx.execute(sql`insert into fault_rows (batch, n) values ('restart', ${i + 100})`);
        }).catch((e: unknown) => e),
      );
      await started;
      await admin.end();
      server.restart();
      restarted();
      for (const outcome of await Promise.all(pending)) expect(outcome).toBeInstanceOf(ConnectionError);
      const check = postgres(server.url, { max: 1, onnotice: () => {} });
      try {
        expect(await rowsOfBatch(check, 'restart')).toEqual([]);
      } finally {
        await check.end();
      }
      await fullPoolServes(db, 4);
      for (let i = 0; i < 20; i++) {
        await transaction(db, (tx) => tx.execute(sql`insert into fault_rows (batch, n) values ('after', ${i})`));
      }
      expect((await execute<{ n: string }>(db, sql`select count(*) as n from fault_rows where batch = 'after'`))[0]?.n).toBe('20');
    });
  }, 120_000);
});
