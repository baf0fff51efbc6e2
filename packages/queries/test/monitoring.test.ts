import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { canStartClusters, startThrowawayServer, type ThrowawayServer } from '../../../tooling/throwawayServer.ts';
import { connectionStats, createDatabase, execute, indexUsage, slowestStatements, tableStats, ValidationError, type AnyDb } from '../src/index.ts';
import { toCount } from '../src/monitoring/count.ts';

// The seeds' monitoring queries as typed functions, on any database: stats of a table this file creates,
// indexes it uses and one it never does, and pg_stat_statements in each state a server can be in.

const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';

/**
 * A database of the test's own through one connection: statistics are per backend and reported when it
 * goes idle, so the statements, `pg_stat_force_next_flush()` and the read must share one session.
 */
async function withOneSession(isolated: { db: AnyDb; url?: string }, run: (db: AnyDb) => Promise<void>): Promise<void> {
  if (!onPostgres) return run(isolated.db); // PGlite is one session
  const database = createDatabase({ schema: {}, url: isolated.url, pool: { max: 1 } });
  try {
    await run(database.db);
  } finally {
    await database.close();
  }
}

/** Reports this backend's pending counters now (PG ≥ 15, PGlite's 18 too) instead of within a second or so. */
async function flushStats(db: AnyDb): Promise<void> {
  await execute(db, sql`select pg_stat_force_next_flush()`);
  await execute(db, sql`select 1`); // the flush happens as the previous statement's backend goes idle
}

describe('indexUsage and tableStats', () => {
  test('a used index has scans and its own size; a never-used one is unused; dead tuples and scans per table', async ({ isolatedDatabase }) => {
    await withOneSession(isolatedDatabase, async (db) => {
      await execute(db, sql`create table mon_items (id int primary key, code text not null, note text not null)`);
      await execute(db, sql`create index mon_items_code_idx on mon_items (code)`);
      await execute(db, sql`create index mon_items_note_idx on mon_items (note)`);
      await execute(db, sql`insert into mon_items select g, 'c' || g, repeat('n', 200) || g from generate_series(1, 1000) g`);
      await execute(db, sql`analyze mon_items`);
      for (const code of ['c1', 'c2', 'c3']) {
        expect(await execute(db, sql`select id from mon_items where code = ${code}`)).toHaveLength(1);
      }
      await execute(db, sql`delete from mon_items where id <= 10`); // by the primary key
      await flushStats(db);

      const usage = (await indexUsage(db, { schema: 'public' })).filter((i) => i.table === 'mon_items');
      const byName = Object.fromEntries(usage.map((i) => [i.index, i]));
      expect(Object.keys(byName).sort()).toEqual(['mon_items_code_idx', 'mon_items_note_idx', 'mon_items_pkey']);
      const [sizes] = await execute<{ code: string; table: string }>(
        db,
        sql`select pg_relation_size('mon_items_code_idx')::text as code, pg_relation_size('mon_items')::text as table`,
      );
      expect(byName.mon_items_code_idx).toMatchObject({ schema: 'public', unused: false, unique: false, primary: false, sizeBytes: Number(sizes!.code) });
      // The index's own size (indexrelid), not the table's (relid): the table is several times larger.
      expect(Number(sizes!.table)).toBeGreaterThan(Number(sizes!.code));
      expect(byName.mon_items_code_idx!.scans).toBeGreaterThanOrEqual(3);
      expect(byName.mon_items_code_idx!.tuplesRead).toBeGreaterThanOrEqual(3);
      expect(byName.mon_items_note_idx).toMatchObject({ scans: 0, tuplesRead: 0, tuplesFetched: 0, unused: true, unique: false });
      expect(byName.mon_items_pkey).toMatchObject({ unused: false, unique: true, primary: true });
      for (const i of usage) for (const n of [i.scans, i.tuplesRead, i.tuplesFetched, i.sizeBytes]) expect(typeof n).toBe('number');
      expect(await indexUsage(db, { schema: 'no_such_schema' })).toEqual([]);

      const [table] = (await tableStats(db)).filter((t) => t.table === 'mon_items');
      expect(table).toMatchObject({ schema: 'public', deadTuples: 10, lastVacuum: null });
      expect(table!.indexScans).toBeGreaterThanOrEqual(4);
      expect(typeof table!.seqScans).toBe('number');
      expect(typeof table!.liveTuples).toBe('number');
      expect(table!.lastAnalyze).toBeInstanceOf(Date);
    });
  });

  test("the seed's index query names columns pg_stat_user_indexes does not have (why indexUsage exists)", async ({ db }) => {
    await expect(execute(db, sql`select schemaname, tablename, indexname, idx_scan from pg_stat_user_indexes`)).rejects.toMatchObject({ sqlState: '42703' });
  });
});

describe('slowestStatements', () => {
  test('says why when pg_stat_statements cannot be read, never a raw 42P01 or 55000', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db;
    const slow = await slowestStatements(db, { limit: 5 });
    if (!onPostgres) {
      expect(slow).toEqual({ available: false, code: 'NOT_AVAILABLE', reason: expect.stringContaining('not available on this server') });
      return;
    }
    const [server] = await execute<{ offered: boolean; preloaded: boolean }>(
      db,
      sql`select exists (select 1 from pg_available_extensions where name = 'pg_stat_statements') as offered,
            current_setting('shared_preload_libraries') like '%pg_stat_statements%' as preloaded`,
    );
    if (!server!.offered) {
      expect(slow).toMatchObject({ available: false, code: 'NOT_AVAILABLE' });
      return;
    }
    expect(slow).toEqual({ available: false, code: 'NOT_INSTALLED', reason: expect.stringContaining('create extension pg_stat_statements') });
    await execute(db, sql`create extension pg_stat_statements`); // this database is the test's own
    const created = await slowestStatements(db, { limit: 5 });
    if (server!.preloaded) expect(created.available).toBe(true);
    else expect(created).toEqual({ available: false, code: 'NOT_LOADED', reason: expect.stringContaining('shared_preload_libraries') });
  });

  test('bad options are a ValidationError before any SQL', async () => {
    const noDb = {} as AnyDb; // any SQL would fail with a TypeError here
    for (const limit of [0, -1, 1.5, 1001, Number.NaN, '5' as unknown as number]) {
      await expect(slowestStatements(noDb, { limit })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(slowestStatements(noDb, { orderBy: 'calls' as 'mean' })).rejects.toBeInstanceOf(ValidationError);
    await expect(indexUsage(noDb, { schema: '' })).rejects.toBeInstanceOf(ValidationError);
    await expect(tableStats(noDb, { schema: 42 as unknown as string })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe.runIf(onPostgres && canStartClusters)('slowestStatements on a server with pg_stat_statements loaded', () => {
  let server: ThrowawayServer;
  beforeAll(async () => {
    server = await startThrowawayServer();
    const database = createDatabase({ schema: {}, url: server.url, pool: { max: 1 } });
    try {
      await execute(database.db, sql`alter system set shared_preload_libraries = 'pg_stat_statements'`);
    } finally {
      await database.close();
    }
    server.restart();
  }, 120_000);
  afterAll(() => server?.stop());

  test('the slowest statements are normalised texts with numbers, never a bound or literal value', async () => {
    const database = createDatabase({ schema: {}, url: server.url, pool: { max: 1 } });
    try {
      const { db } = database;
      await execute(db, sql`create extension if not exists pg_stat_statements`);
      const canary = 'canary-5c1e-secret';
      for (let i = 0; i < 3; i++) await execute(db, sql`select count(*) from pg_class where relname = ${canary}`);
      await execute(db, sql.raw(`select count(*) from pg_class where relname = '${canary}-literal'`));

      const slow = await slowestStatements(db, { limit: 1000, orderBy: 'total' });
      if (!slow.available) throw new Error(`expected available, got ${slow.reason}`);
      const texts = slow.statements.map((s) => s.query);
      expect(JSON.stringify(slow)).not.toContain('canary');
      // The bound parameter and the inline literal are two entries (a Param and a Const parse apart), both shown as $1.
      const counted = slow.statements.filter((s) => s.query === 'select count(*) from pg_class where relname = $1');
      expect(counted.map((s) => [s.calls, s.rows]).sort()).toEqual([
        [1, 1],
        [3, 3],
      ]);
      for (const s of slow.statements) for (const n of [s.totalTimeMs, s.meanTimeMs, s.calls, s.rows]) expect(typeof n).toBe('number');
      expect(texts.length).toBeGreaterThan(2);
      expect(await slowestStatements(db, { limit: 1 })).toMatchObject({ available: true, statements: [expect.any(Object)] });
    } finally {
      await database.close();
    }
  });
});

describe('connectionStats', () => {
  test("connections of this database by state and application, and the client's own pool", async ({ isolatedDatabase }) => {
    if (!onPostgres) {
      // PGlite is one embedded session: itself, running this statement.
      expect(await connectionStats(isolatedDatabase.db)).toMatchObject({ total: 1, byState: [{ state: 'active', count: 1 }], pool: undefined });
      return;
    }
    const applicationName = `mon-test-${process.pid}`;
    const database = createDatabase({ schema: {}, url: isolatedDatabase.url, applicationName, pool: { max: 3 } });
    try {
      const stats = await connectionStats(database);
      const mine = stats.byState.filter((g) => g.applicationName === applicationName);
      // The statement's own connection is active; the client opens connections lazily, so it is the only one.
      expect(mine).toEqual([{ state: 'active', applicationName, count: 1 }]);
      expect(stats.pool).toMatchObject({ max: 3, waiting: 0 });
      expect(stats.maxConnections).toBeGreaterThan(0);
      expect(typeof stats.total).toBe('number');
      expect(stats.total).toBe(stats.byState.reduce((n, g) => n + Number(g.count), 0));
      expect((await connectionStats(database.db)).pool).toBeUndefined();
    } finally {
      await database.close();
    }
  });

  test('counts are numbers up to 2^53 - 1 and exact strings beyond', () => {
    expect(toCount('9007199254740991')).toBe(9007199254740991);
    expect(toCount('9007199254740993')).toBe('9007199254740993');
    expect(toCount(42)).toBe(42);
    expect(toCount(12n)).toBe(12);
  });
});
