import { leads } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect } from 'vitest';
import { createOrgRepositories, createRepository, execute, type OrgDb } from '../src/index.ts';

// Keyset pages by createdAt (every @org list's default sort) are index range scans: each @org table a
// repository sorts by createdAt carries a (created_at, id) index, and PostgreSQL's plan for the page the
// repository sends uses it — no sort of the rows past the cursor, so a deep page costs what the first does.

describe('keyset indexes', () => {
  test('every @org repository sortable by createdAt has a (created_at, id) index', async ({ db }) => {
    const repos = createOrgRepositories(db as OrgDb) as unknown as Record<string, { table: PgTable }>;
    const missing: string[] = [];
    let checked = 0;
    for (const [name, repo] of Object.entries(repos)) {
      if (!('createdAt' in getTableColumns(repo.table))) continue;
      if (name === 'systemConfigurations') continue; // sorted by category and key only
      checked++;
      const indexes = getTableConfig(repo.table).indexes.map((i) => i.config.columns.map((c) => (c as { name?: string }).name).join(','));
      if (!indexes.includes('created_at,id')) missing.push(name);
    }
    expect(checked).toBeGreaterThanOrEqual(18);
    expect(missing).toEqual([]);
  });
});

describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres')('the plan of a deep keyset page (PostgreSQL)', () => {
  test('a page after a cursor deep in the table is an index scan on leads_created_at_id_keyset_idx, not a sort', async ({ db }) => {
    await db.execute(sql`insert into leads (name, email, phone, state, debt_amount, created_at)
      select 'L' || i, 'l' || i || '@plan.test', '5550000000', 'CA', 1000, timestamptz '2026-01-01' + i * interval '1 second'
      from generate_series(1, 5000) i`);
    await db.execute(sql`analyze leads`);
    const texts: { sql: string; params: unknown[] }[] = [];
    const session = (db as unknown as { _: { session: { logger: { logQuery(q: string, p: unknown[]): void } } } })._.session;
    const original = session.logger;
    session.logger = { logQuery: (q, p) => void texts.push({ sql: q, params: p }) };
    try {
      const repo = createRepository(db, leads, { sortable: ['createdAt'] });
      let page = await repo.paginate({ sort: [['createdAt', 'desc']], limit: 100 });
      for (let i = 0; i < 30; i++) page = await repo.paginate({ sort: [['createdAt', 'desc']], limit: 100, after: page.nextCursor! });
      expect(page.items).toHaveLength(100);
    } finally {
      session.logger = original;
    }
    const deep = texts.at(-1)!;
    const [row] = await execute<{ 'QUERY PLAN': unknown }>(db, sql.raw(`explain (format json) ${inline(deep.sql, deep.params)}`));
    const plan = JSON.stringify(row!['QUERY PLAN']);
    expect(plan).toContain('"Index Name":"leads_created_at_id_keyset_idx"');
    // The only sort left is the outer query's, over the page's 101 rows; none reads the table.
    expect(plan).not.toMatch(/"Node Type":"Sort"[^\]]*"Node Type":"Seq Scan"/);
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
  });
});

describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres')('the plan of a batch of key reads (PostgreSQL)', () => {
  test('concurrent findById are one index lookup per key, never a scan or hash of the table, without fresh statistics', async ({ db }) => {
    // 20,000 users written and never analyzed: the planner believes the table is small.
    await db.execute(sql`insert into users (email) select 'u' || i || '@batch.test' from generate_series(1, 20000) i`);
    const ids = (await execute<{ id: string }>(db, sql`select id from users where email like '%@batch.test' limit 16`)).map((r) => r.id);
    const texts: { sql: string; params: unknown[] }[] = [];
    const session = (db as unknown as { _: { session: { logger: { logQuery(q: string, p: unknown[]): void } } } })._.session;
    const original = session.logger;
    session.logger = { logQuery: (q, p) => void texts.push({ sql: q, params: p }) };
    try {
      const repo = createOrgRepositories(db as OrgDb).users;
      expect((await Promise.all(ids.map((id) => repo.findById(id)))).map((r) => r?.id)).toEqual(ids);
    } finally {
      session.logger = original;
    }
    expect(texts).toHaveLength(1);
    const [row] = await execute<{ 'QUERY PLAN': unknown }>(db, sql.raw(`explain (format json) ${inline(texts[0]!.sql, texts[0]!.params)}`));
    const plan = JSON.stringify(row!['QUERY PLAN']);
    expect(plan).toContain('"Index Name":"users_pkey"');
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
    expect(plan).not.toContain('"Node Type":"Hash');
  });
});

/** The statement with its parameters as literals, for EXPLAIN (the values come from our own cursor, not from input). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return value === null || value === undefined ? 'null' : typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}
