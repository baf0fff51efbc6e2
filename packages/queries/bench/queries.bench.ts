// @org/queries against the raw driver, side by side in one run, on PGlite and (with BENCH_DATABASE_URL
// or TEST_DATABASE_URL) on PostgreSQL. Writes bench/results/queries.json and prints a table.
// Run: pnpm --filter @org/queries bench
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { migrate, orgMigrationsFolder } from '@org/migrations';
import { leads, users } from '@org/schema';
import { and, desc, eq, gte, isNull, sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { compareContenders, median, printTable, writeResults } from '../../../tooling/bench.ts';
import { createDatabase, createOrgRepositories, createRepository, transaction, type OrgDatabase } from '../dist/index.js';

/**
 * The best raw code for each operation, as a user would write it without a data layer: postgres.js
 * tagged templates (prepared per connection by text) on a plain pool of the same size, or PGlite's own
 * `query` with parameters. The SQL is what ours sends, typed the same way, so plans compare.
 */
interface Raw {
  pkRead(id: string): Promise<unknown>;
  ukRead(email: string): Promise<unknown>;
  list(state: string, amount: string): Promise<unknown>;
  relational(id: string): Promise<unknown>;
  keyset(createdAt: string, id: string): Promise<unknown>;
  /** One insert returning the row, in a transaction. */
  tinyTx(email: string): Promise<unknown>;
  /** A user and a project of theirs, in a transaction. */
  parentChildTx(email: string, project: string): Promise<unknown>;
  copy(table: string, columns: string[], payload: string): Promise<void>;
  end(): Promise<void>;
}

const SQL = {
  pk: 'select * from users where id = $1 and deleted_at is null limit 1',
  uk: 'select * from users where email = $1 and deleted_at is null limit 1',
  list: 'select * from leads where state = $1 and debt_amount >= $2 and deleted_at is null order by created_at desc, id desc limit 50',
  relational: `select u.*, coalesce((select json_agg(p) from projects p where p.user_id = u.id and p.deleted_at is null), '[]') as projects
    from users u where u.id = $1 and u.deleted_at is null limit 1`,
  keyset: 'select * from leads where deleted_at is null and (created_at, id) < ($1::timestamptz, $2::uuid) order by created_at desc, id desc limit 51',
  insertUser: 'insert into users (email) values ($1) returning *',
  insertProject: 'insert into projects (name, user_id) values ($1, $2) returning *',
};

function rawFor(database: OrgDatabase, url: string | undefined): Raw {
  if (database.driver === 'pglite') {
    const pg = database.client as PGlite;
    return {
      pkRead: (id) => pg.query(SQL.pk, [id]),
      ukRead: (email) => pg.query(SQL.uk, [email]),
      list: (state, amount) => pg.query(SQL.list, [state, amount]),
      relational: (id) => pg.query(SQL.relational, [id]),
      keyset: (createdAt, id) => pg.query(SQL.keyset, [createdAt, id]),
      tinyTx: (email) => pg.transaction((tx) => tx.query(SQL.insertUser, [email])),
      parentChildTx: (email, project) =>
        pg.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string }>(SQL.insertUser, [email]);
          return tx.query(SQL.insertProject, [project, rows[0]!.id]);
        }),
      copy: async (table, columns, payload) => {
        await pg.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([payload]) });
      },
      end: async () => {},
    };
  }
  // The raw baseline is a plain postgres.js pool of the same size, not createDatabase's own pool.
  const sql = postgres(url!, { max: 4, onnotice: () => {} });
  return {
    pkRead: (id) => sql`select * from users where id = ${id} and deleted_at is null limit 1`,
    ukRead: (email) => sql`select * from users where email = ${email} and deleted_at is null limit 1`,
    list: (state, amount) =>
      sql`select * from leads where state = ${state} and debt_amount >= ${amount} and deleted_at is null order by created_at desc, id desc limit 50`,
    relational: (id) => sql`select u.*, coalesce((select json_agg(p) from projects p where p.user_id = u.id and p.deleted_at is null), '[]') as projects
      from users u where u.id = ${id} and u.deleted_at is null limit 1`,
    keyset: (createdAt, id) =>
      sql`select * from leads where deleted_at is null and (created_at, id) < (${createdAt}::timestamptz, ${id}::uuid) order by created_at desc, id desc limit 51`,
    tinyTx: (email) => sql.begin((tx) => tx`insert into users (email) values (${email}) returning *`),
    parentChildTx: (email, project) =>
      sql.begin(async (tx) => {
        const [user] = await tx`insert into users (email) values (${email}) returning *`;
        return tx`insert into projects (name, user_id) values (${project}, ${user!.id}) returning *`;
      }),
    copy: async (table, columns, payload) => {
      const stream = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
      await pipeline(Readable.from([payload]), stream);
    },
    end: () => sql.end(),
  };
}

async function benchEngine(name: string, database: OrgDatabase, url?: string) {
  const { db } = database;
  await migrate(database.client, { folder: orgMigrationsFolder() });
  const raw = rawFor(database, url);
  const repos = createOrgRepositories(db);
  type Result = {
    engine: string;
    name: string;
    unit: string;
    raw: number;
    ours: number;
    ratio: number;
    target: number;
    drizzle?: number;
    drizzlePrepared?: number;
    ratioRange?: [number, number];
  };
  const results: Result[] = [];
  const record = (bench: string, unit: string, r: number, o: number, target: number, extra: Partial<Result> = {}) =>
    results.push({ engine: name, name: bench, unit, raw: r, ours: o, ratio: o / r, target, ...extra });
  /** Raw, ours, drizzle's builder and drizzle's prepared statement for one operation, interleaved (callers check results equal first). */
  const compareFour = async (
    bench: string,
    unit: string,
    target: number,
    contenders: { raw: () => Promise<unknown>; ours: () => Promise<unknown>; drizzle: () => Promise<unknown>; drizzlePrepared: () => Promise<unknown> },
    opsPerRound: number,
  ) => {
    const { median: m, ratioRange } = await compareContenders(contenders, { opsPerRound });
    record(bench, unit, m.raw, m.ours, target, { drizzle: m.drizzle, drizzlePrepared: m.drizzlePrepared, ratioRange: ratioRange.ours });
  };
  /** Raw and ours only, interleaved. */
  const compareTwo = async (
    bench: string,
    unit: string,
    target: number,
    contenders: { raw: () => Promise<unknown>; ours: () => Promise<unknown> },
    opsPerRound: number,
  ) => {
    const { median: m, ratioRange } = await compareContenders(contenders, { opsPerRound });
    record(bench, unit, m.raw, m.ours, target, { ratioRange: ratioRange.ours });
  };
  const rawRows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const sameIds = (label: string, a: unknown[], b: unknown[]) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`bench ${label}: contenders disagree (${a.length} vs ${b.length} rows)`);
  };

  // Data: 2,000 users with 3 projects each; 20,000 leads for paging.
  const userRows = await db
    .insert(users)
    .values(Array.from({ length: 2_000 }, (_, i) => ({ email: `u${i}-${randomUUID()}@bench.test` })))
    .returning();
  await repos.projects.insertBulk(userRows.flatMap((u) => [0, 1, 2].map((j) => ({ name: `p${j}`, userId: u.id }))));
  // Seeding history: createdAt is protected from generic writes, so this repository opts it in.
  await createRepository(db, leads, { writable: ['createdAt'] }).insertBulk(
    // Distinct creation times, as real rows have: one INSERT would give them all the same now().
    Array.from({ length: 20_000 }, (_, i) => ({
      name: `L${i}`,
      email: `l${i}@bench.test`,
      phone: '5550000000',
      state: 'CA',
      debtAmount: `${i % 900}00.00`,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
    })),
  );
  // Statistics as a production table has them (autovacuum would analyze soon after such a load);
  // without them PostgreSQL plans the raw keyset statement as a scan and sort of a "tiny" table.
  await db.execute(dsql`analyze`);
  const ids = userRows.map((u) => u.id);
  const emails = userRows.map((u) => u.email);
  let k = 0;
  const nextIndex = () => (k = (k + 1) % ids.length);
  const ops = name === 'pglite' ? 500 : 1_000;

  // Primary-key read: raw, ours, drizzle's builder, drizzle's prepared statement.
  const byIdPrepared = db
    .select()
    .from(users)
    .where(and(eq(users.id, dsql.placeholder('id')), isNull(users.deletedAt)))
    .limit(1)
    .prepare('bench_user_by_id');
  sameIds(
    'primary-key read',
    rawRows(await raw.pkRead(ids[0]!)).map((r) => r.id),
    [(await repos.users.findById(ids[0]!))?.id],
  );
  sameIds('primary-key read (drizzle)', [(await byIdPrepared.execute({ id: ids[0] }))[0]?.id], [ids[0]]);
  await compareFour(
    'primary-key read',
    'ops/s',
    0.95,
    {
      raw: () => raw.pkRead(ids[nextIndex()]!),
      ours: () => repos.users.findById(ids[nextIndex()]!),
      drizzle: () =>
        db
          .select()
          .from(users)
          .where(and(eq(users.id, ids[nextIndex()]!), isNull(users.deletedAt)))
          .limit(1),
      drizzlePrepared: () => byIdPrepared.execute({ id: ids[nextIndex()] }),
    },
    ops,
  );

  // Sixteen primary-key reads in flight at once (automatic batching merges ours into one statement).
  const sixteen =
    <T>(read: (id: string) => Promise<T>) =>
    () =>
      Promise.all(Array.from({ length: 16 }, () => read(ids[nextIndex()]!)));
  await compareFour(
    'primary-key read, 16 in flight',
    'batches/s',
    1.5,
    {
      raw: sixteen((id) => raw.pkRead(id)),
      ours: sixteen((id) => repos.users.findById(id)),
      drizzle: sixteen((id) =>
        db
          .select()
          .from(users)
          .where(and(eq(users.id, id), isNull(users.deletedAt)))
          .limit(1),
      ),
      drizzlePrepared: sixteen((id) => byIdPrepared.execute({ id })),
    },
    Math.round(ops / 8),
  );

  // Unique-key read.
  await compareTwo(
    'unique-key read',
    'ops/s',
    0.95,
    {
      raw: () => raw.ukRead(emails[nextIndex()]!),
      ours: () => repos.users.findOneBy('email', emails[nextIndex()]!),
    },
    ops,
  );

  // A list of 50 with a filter and a sort (findMany), the filter values varying per call.
  const amounts = ['100.00', '2500.00', '40000.00', '70000.00'];
  const nextAmount = () => amounts[k % amounts.length]!;
  const listPrepared = db
    .select()
    .from(leads)
    .where(and(eq(leads.state, dsql.placeholder('state')), gte(leads.debtAmount, dsql.placeholder('amount')), isNull(leads.deletedAt)))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(50)
    .prepare('bench_leads_list');
  const ourList = (amount: string) =>
    repos.leads.findMany({ where: { state: 'CA', debtAmount: { gte: amount } }, orderBy: [['createdAt', 'desc']], limit: 50 });
  sameIds(
    'findMany',
    rawRows(await raw.list('CA', '2500.00')).map((r) => r.id),
    (await ourList('2500.00')).map((r) => r.id),
  );
  await compareFour(
    'list of 50, filter + sort (findMany)',
    'ops/s',
    0.95,
    {
      raw: () => raw.list('CA', nextAmount()),
      ours: () => ourList(nextAmount()),
      drizzle: () =>
        db
          .select()
          .from(leads)
          .where(and(eq(leads.state, 'CA'), gte(leads.debtAmount, nextAmount()), isNull(leads.deletedAt)))
          .orderBy(desc(leads.createdAt), desc(leads.id))
          .limit(50),
      drizzlePrepared: () => listPrepared.execute({ state: 'CA', amount: nextAmount() }),
    },
    Math.round(ops / 5),
  );

  // Relational read with one `with`.
  await compareTwo(
    'relational read (one with)',
    'ops/s',
    0.95,
    {
      raw: () => raw.relational(ids[nextIndex()]!),
      ours: () => repos.users.findByIdWith(ids[nextIndex()]!, { with: { projects: true } }),
    },
    Math.round(ops / 2),
  );

  // Keyset page of 50, shallow and deep.
  const ordered = await db.select({ createdAt: leads.createdAt, id: leads.id }).from(leads).orderBy(leads.createdAt, leads.id);
  for (const [label, index] of [
    ['keyset page of 50 (depth 50)', 50],
    ['keyset page of 50 (depth 19,000)', 19_000],
  ] as const) {
    const edge = ordered[ordered.length - index]!;
    // Walk to the depth once to get a real cursor there: at the edge row, the `index`-th from the top.
    let page = await repos.leads.paginate({ sort: [['createdAt', 'desc']], limit: Math.min(100, index) });
    for (let seen = page.items.length; seen < index; seen += page.items.length) {
      page = await repos.leads.paginate({ sort: [['createdAt', 'desc']], limit: Math.min(100, index - seen), after: page.nextCursor });
    }
    const cursor = page.nextCursor;
    sameIds(
      label,
      rawRows(await raw.keyset(edge.createdAt.toISOString(), edge.id))
        .map((r) => r.id)
        .slice(0, 50),
      (await repos.leads.paginate({ sort: [['createdAt', 'desc']], limit: 50, after: cursor })).items.map((r) => r.id),
    );
    await compareTwo(
      label,
      'pages/s',
      0.95,
      {
        raw: () => raw.keyset(edge.createdAt.toISOString(), edge.id),
        ours: () => repos.leads.paginate({ sort: [['createdAt', 'desc']], limit: 50, after: cursor }),
      },
      Math.round(ops / 5),
    );
  }

  // Tiny transactions, validated: one insert returning the row, and a row with a child row.
  const email = () => `t-${randomUUID()}@bench.test`;
  await compareTwo(
    'tiny transaction (one insert)',
    'tx/s',
    0.9,
    {
      raw: () => raw.tinyTx(email()),
      ours: () => transaction(db, (tx) => repos.users.in(tx).create({ email: email() })),
    },
    Math.round(ops / 2),
  );
  await compareTwo(
    'tiny transaction (insert + child insert)',
    'tx/s',
    0.9,
    {
      raw: () => raw.parentChildTx(email(), 'first'),
      ours: () =>
        transaction(db, async (tx) => {
          const user = await repos.users.in(tx).create({ email: email() });
          return repos.projects.in(tx).create({ name: 'first', userId: user.id });
        }),
    },
    Math.round(ops / 2),
  );

  // Bulk insert of 100,000 rows: raw COPY versus insertBulk (validation included).
  const N = 100_000;
  const rows = Array.from({ length: N }, (_, i) => ({ name: `B${i}`, email: `b${i}@bench.test`, phone: '5550000000', state: 'TX', debtAmount: '1234.56' }));
  const payload = rows.map((r) => `${r.name}\t${r.email}\t${r.phone}\t${r.state}\t${r.debtAmount}\n`).join('');
  const rawTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    let started = performance.now();
    await raw.copy('leads', ['name', 'email', 'phone', 'state', 'debt_amount'], payload);
    rawTimes.push(performance.now() - started);
    started = performance.now();
    await repos.leads.insertBulk(rows);
    ourTimes.push(performance.now() - started);
  }
  record(`insert ${N.toLocaleString('en')} rows (vs COPY)`, 'rows/s', (N * 1000) / median(rawTimes), (N * 1000) / median(ourTimes), 0.9);
  await raw.end();
  return results;
}

const all = [];
const embedded = createDatabase();
try {
  all.push(...(await benchEngine('pglite', embedded)));
} finally {
  await embedded.close();
}
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const dbName = `org_bench_${process.pid}`;
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const server = createDatabase({ url: url.toString(), pool: { max: 4 } });
  try {
    all.push(...(await benchEngine('postgres', server, url.toString())));
  } finally {
    await server.close();
    await admin.unsafe(`drop database ${dbName} with (force)`);
    await admin.end();
  }
} else {
  console.log('BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PostgreSQL skipped');
}

/**
 * Milliseconds `import()` of a module takes in a fresh Node process (median of 9), resolved from this
 * package as a consumer's would be: the serverless cold-start cost of the package.
 */
async function importMs(specifier: string): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const runs = Array.from({ length: 9 }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url).pathname }).toString()),
  );
  return median(runs);
}
const importCost = { drizzle: await importMs('drizzle-orm/postgres-js'), ours: await importMs('@org/queries'), target: 1.5 };
console.log(
  `import cost: @org/queries ${importCost.ours.toFixed(0)} ms, drizzle-orm/postgres-js ${importCost.drizzle.toFixed(0)} ms (${(importCost.ours / importCost.drizzle).toFixed(2)}×, target ≤ 1.5×)`,
);

writeResults(new URL('./results/queries.json', import.meta.url).pathname, {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  results: all.map((r) => ({ ...r, met: r.ratio >= r.target })),
  importCost: { ...importCost, ratio: importCost.ours / importCost.drizzle, met: importCost.ours / importCost.drizzle <= importCost.target },
});
printTable(
  all.map((r) => ({
    engine: r.engine,
    benchmark: r.name,
    unit: r.unit,
    raw: r.raw,
    ours: r.ours,
    ratio: r.ratio,
    target: `≥ ${r.target}`,
    met: r.ratio >= r.target ? 'yes' : 'NO',
  })),
);
