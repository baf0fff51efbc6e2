// Per-test isolation strategies and worker cold start on PGlite, side by side in one run.
// Writes bench/results/testing.json and prints a table. Run: pnpm --filter @org/testing bench
import { PGlite } from '@electric-sql/pglite';
import { orgMigrationsFolder } from '@org/migrations';
import { orgTables, schema, users } from '@org/schema';
import { getTableName } from 'drizzle-orm';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { median, printTable, sample, writeResults } from '../../../tooling/bench.ts';
import { holdTransaction, openTestDatabase, pgliteTemplate } from '../dist/index.js';

const folder = orgMigrationsFolder();
const template = await pgliteTemplate(folder); // builds the cache once if missing (not measured)

const base = await openTestDatabase({ schema, migrationsFolder: folder, engine: 'pglite' });
const pg = base.client as PGlite;
const insert = "insert into users (email) values ('bench@example.test')";

// 1. Raw BEGIN; write; ROLLBACK on the PGlite client: the baseline.
const raw = await sample(async () => {
  await pg.exec('begin');
  await pg.exec(insert);
  await pg.exec('rollback');
}, 500);

// 2. The fixture's isolation: a raw savepoint inside the file-level transaction (holdSavepoint), a
// drizzle insert inside it. Its overhead is measured against 2b, the same drizzle insert between raw
// BEGIN and ROLLBACK, so the write's own cost (drizzle's query building and parsers) is not counted as
// isolation. Five interleaved rounds: load on the machine moves both alike.
const fixture: number[] = [];
const rawDrizzle: number[] = [];
for (let round = 0; round < 5; round++) {
  await holdTransaction(base.db, async (fileDb) => {
    const times = await sample(
      () =>
        holdTransaction(fileDb, async (db) => {
          await db.insert(users).values({ email: 'bench@example.test' });
        }),
      100,
    );
    fixture.push(...times);
  });
  const times = await sample(async () => {
    await pg.exec('begin');
    await base.db.insert(users).values({ email: 'bench@example.test' });
    await pg.exec('rollback');
  }, 100);
  rawDrizzle.push(...times);
}

// 3. TRUNCATE of every table after the write.
const tables = Object.values(orgTables)
  .map((t) => `"${getTableName(t)}"`)
  .join(', ');
const truncate = await sample(
  async () => {
    await pg.exec(insert);
    await pg.exec(`truncate ${tables} cascade`);
  },
  30,
  3,
);

// 4. A fresh copy per test: clone() and loading the dump.
const clone = await sample(
  async () => {
    const copy = await pg.clone();
    await copy.exec(insert);
    await copy.close();
  },
  5,
  1,
);
const dumpLoad = await sample(
  async () => {
    const copy = new PGlite({ loadDataDir: template });
    await copy.exec(insert);
    await copy.close();
  },
  5,
  1,
);

// Worker cold start: a bare new PGlite() versus a ready, migrated one from the cached template.
const bare = await sample(
  async () => {
    const db = new PGlite();
    await db.waitReady;
    await db.close();
  },
  5,
  1,
);
const ready = await sample(
  async () => {
    const db = await openTestDatabase({ schema, migrationsFolder: folder, engine: 'pglite' });
    await db.db.select().from(users).limit(1);
    await db.close();
  },
  5,
  1,
);

// Memory over 2,000 tests of one file on one instance, after 50 warm-up tests (first-use allocations)
// and a full garbage collection at each mark. The first thousand grow PGlite's WASM memory once (its
// buffers and WAL filling for the first time); a leak would keep growing in the second thousand.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const oneTest = (fileDb: typeof base.db, i: number) =>
  holdTransaction(fileDb, async (db) => {
    await db.insert(users).values({ email: `m${i}@example.test` });
  });
const marks: NodeJS.MemoryUsage[] = [];
await holdTransaction(base.db, async (fileDb) => {
  for (let i = 0; i < 50; i++) await oneTest(fileDb, i);
  for (const end of [1_050, 2_050]) {
    collect();
    marks.push(process.memoryUsage());
    for (let i = end - 1_000; i < end; i++) await oneTest(fileDb, i);
  }
  collect();
  marks.push(process.memoryUsage());
});
const mb = (bytes: number) => bytes / 2 ** 20;
const rssGrowthMb = mb(marks[1]!.rss - marks[0]!.rss);
const rssSteadyGrowthMb = mb(marks[2]!.rss - marks[1]!.rss);
// What JavaScript still holds (a leak of ours would show here); the rest of the RSS is PGlite's WASM memory.
const heapGrowthMb = mb(marks[2]!.heapUsed - marks[0]!.heapUsed);
await base.close();

const rawMs = median(raw);
const isolationBaseMs = median(rawDrizzle);
const rows = [
  { name: 'raw BEGIN/insert/ROLLBACK (baseline)', medianMs: rawMs },
  { name: 'raw BEGIN/drizzle insert/ROLLBACK', medianMs: isolationBaseMs },
  { name: 'fixture per-test isolation (savepoint, drizzle insert)', medianMs: median(fixture) },
  { name: 'TRUNCATE all tables', medianMs: median(truncate) },
  { name: 'clone() per test', medianMs: median(clone) },
  { name: 'dump load per test', medianMs: median(dumpLoad) },
].map((r) => ({ ...r, ratioToRaw: r.medianMs / rawMs }));
const coldRows = [
  { name: 'cold start: bare new PGlite()', medianMs: median(bare), ratioToRaw: 1 },
  { name: 'cold start: ready and migrated', medianMs: median(ready), ratioToRaw: median(ready) / median(bare) },
];
const targets = {
  // Issue #14: per-test isolation within raw BEGIN/ROLLBACK + 0.3 ms, the same write inside both.
  isolationOverheadMs: median(fixture) - isolationBaseMs,
  isolationWithin0_3ms: median(fixture) - isolationBaseMs <= 0.3,
  coldStartRatio: median(ready) / median(bare),
  coldStartWithin1_5x: median(ready) / median(bare) <= 1.5,
  rssGrowthMbOver1000Tests: rssGrowthMb,
  rssGrowthMbOverNext1000Tests: rssSteadyGrowthMb,
  heapGrowthMbOver2000Tests: heapGrowthMb,
  memoryFlat: rssSteadyGrowthMb < 1,
};
writeResults(new URL('./results/testing.json', import.meta.url).pathname, {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  results: [...rows, ...coldRows],
  targets,
});
printTable([...rows, ...coldRows].map((r) => ({ name: r.name, 'median ms': r.medianMs, ratio: r.ratioToRaw })));
console.log(`\nisolation overhead ${targets.isolationOverheadMs.toFixed(3)} ms (target ≤ 0.3 ms): ${targets.isolationWithin0_3ms ? 'met' : 'MISSED'}`);
console.log(`cold start ${targets.coldStartRatio.toFixed(2)}× bare (target ≤ 1.5×): ${targets.coldStartWithin1_5x ? 'met' : 'MISSED'}`);
console.log(
  `RSS growth over the first 1,000 tests ${rssGrowthMb.toFixed(1)} MB, over the next 1,000 ${rssSteadyGrowthMb.toFixed(1)} MB (target: flat, < 1 MB): ${targets.memoryFlat ? 'met' : 'MISSED'}; JS heap ${heapGrowthMb.toFixed(1)} MB over 2,000`,
);
