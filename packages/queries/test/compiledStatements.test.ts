import { randomUUID } from 'node:crypto';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, vi } from 'vitest';
import { createOrgRepositories, createRepository, transaction } from '../src/index.ts';

// Repository statements are compiled once per drizzle instance and run on whichever db or transaction
// the call uses: `in(tx)` in a new transaction builds nothing, the SQL and the values bound are the
// same as drizzle's builder would produce, and runtime defaults are still called per row.

const engine = process.env.ORG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const behindPooler = process.env.TEST_POOLER_URL !== undefined;

function gadgetsTable(name: string, defaults: { ids: number }) {
  return pgTable(name, {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => {
        defaults.ids++;
        return randomUUID();
      }),
    name: text('name').notNull(),
    // A runtime default that is SQL: inlined by drizzle, so that INSERT is built for the call.
    tag: text('tag').$defaultFn(() => sql`md5(random()::text)`),
    // `$onUpdate` without an SQL default fills inserts too (drizzle calls it when the row leaves it out).
    touchedAt: timestamp('touched_at', { withTimezone: true }).$onUpdate(() => new Date('2026-01-02T03:04:05.678Z')),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

async function createGadgets(db: { execute(q: ReturnType<typeof sql>): Promise<unknown> }, name: string) {
  await db.execute(
    sql.raw(`create table ${name} (id uuid primary key, name text not null, tag text, touched_at timestamptz, created_at timestamptz not null default now())`),
  );
}

describe('statements compiled once per drizzle instance', () => {
  test('create calls each runtime default once per row, binds what it returned, and inlines SQL ones', async ({ db }) => {
    const defaults = { ids: 0 };
    const gadgets = gadgetsTable('compiled_gadgets', defaults);
    await createGadgets(db, 'compiled_gadgets');
    const repo = createRepository(db, gadgets, { writable: ['id'] });
    const rows = [];
    for (const name of ['a', 'b', 'c']) rows.push(await repo.create({ name }));
    expect(defaults.ids).toBe(3);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(rows.map((r) => r.touchedAt?.toISOString())).toEqual(Array(3).fill('2026-01-02T03:04:05.678Z'));
    // The SQL default ran in the database, once per row.
    expect(rows.every((r) => typeof r.tag === 'string' && r.tag.length === 32)).toBe(true);
    expect(new Set(rows.map((r) => r.tag)).size).toBe(3);
    // Given values win over defaults, in any key order (one shape), and read back as drizzle reads them.
    const id = randomUUID();
    const given = await repo.create({ tag: 't', id, name: 'd' });
    const reordered = await repo.create({ name: 'e', tag: 't2' });
    expect(given).toMatchObject({ id, name: 'd', tag: 't' });
    expect(reordered).toMatchObject({ name: 'e', tag: 't2' });
    expect(defaults.ids).toBe(4);
    const [viaDrizzle] = await db.select().from(gadgets).where(sql`${gadgets.id} = ${id}`);
    expect(await repo.findById(id)).toEqual(viaDrizzle);
  });

  test('create with no column given (every one has a default) inserts a row of defaults', async ({ db }) => {
    await db.execute(sql.raw('create table compiled_defaults (id serial primary key, note text not null default $$none$$)'));
    const defaults = pgTable('compiled_defaults', { id: serial('id').primaryKey(), note: text('note').notNull().default('none') });
    const repo = createRepository(db, defaults);
    expect(await repo.create({})).toEqual({ id: 1, note: 'none' });
    expect(await repo.create({ note: undefined } as never)).toEqual({ id: 2, note: 'none' });
  });

  test('a repository used in new transactions builds no statement after the first', async ({ db }) => {
    const gadgets = gadgetsTable('compiled_gadgets', { ids: 0 });
    await createGadgets(db, 'compiled_gadgets');
    const repo = createRepository(db, gadgets, { sortable: ['createdAt'] });
    const work = (tx: typeof db) =>
      transaction(tx, async (inner) => {
        const r = repo.in(inner);
        const row = await r.create({ name: 'x', tag: 'given' }); // a given tag: no SQL default to inline
        await r.findById(row.id);
        await r.findMany({ where: { name: 'x' }, limit: 10 });
        await r.paginate({ sort: [['createdAt', 'desc']], limit: 5 });
        await r.page({ pageSize: 5 });
        return r.count({ where: { name: 'x' } });
      });
    await work(db);
    const dialect = (db as unknown as { dialect: { sqlToQuery(...a: unknown[]): unknown } }).dialect;
    const built = vi.spyOn(dialect, 'sqlToQuery');
    try {
      const counts = [];
      for (let i = 0; i < 3; i++) counts.push(await work(db));
      expect(counts).toEqual([2, 3, 4]);
      // drizzle builds every statement's text through sqlToQuery (PGlite's savepoints too): none of the
      // transactions above built one of the repository's.
      const texts = built.mock.results.map((r) => (r.value as { sql: string }).sql);
      expect(texts.filter((text) => text.includes('compiled_gadgets'))).toEqual([]);
    } finally {
      built.mockRestore();
    }
  });

  test('relational reads in new transactions build nothing after the first, and read what drizzle reads', async ({ db }) => {
    const repos = createOrgRepositories(db);
    const user = await repos.users.create({ email: 'rel@example.test', name: 'Rel' });
    await repos.projects.create({ name: 'p1', userId: user.id });
    const read = (tx: typeof db) =>
      transaction(tx, async (inner) => {
        const users = repos.users.in(inner);
        const one = await users.findByIdWith(user.id, { with: { projects: true } });
        const many = await users.findManyWith({ with: { projects: true }, limit: 5 }, { where: { email: 'rel@example.test' } });
        return { one, many };
      });
    const first = await read(db);
    const viaDrizzle = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, user.id), with: { projects: true } });
    expect(first.one).toEqual(viaDrizzle);
    expect(first.many).toEqual([viaDrizzle]);
    const dialect = (db as unknown as { dialect: { sqlToQuery(...a: unknown[]): unknown } }).dialect;
    const built = vi.spyOn(dialect, 'sqlToQuery');
    try {
      for (let i = 0; i < 3; i++) expect(await read(db)).toEqual(first);
      const texts = built.mock.results.map((r) => (r.value as { sql: string }).sql);
      expect(texts.filter((text) => text.includes('"projects"'))).toEqual([]);
    } finally {
      built.mockRestore();
    }
  });

  test.skipIf(engine !== 'postgres')('on PostgreSQL the transactions reuse the connection statement (unnamed behind PgBouncer)', async ({ db }) => {
    // A table name of this test's own: prepared statements outlive the test's rolled-back savepoint.
    const name = `compiled_probe_${randomUUID().replaceAll('-', '')}`;
    const gadgets = gadgetsTable(name, { ids: 0 });
    await createGadgets(db, name);
    const repo = createRepository(db, gadgets);
    for (let i = 0; i < 4; i++) {
      await transaction(db, async (tx) => {
        const row = await repo.in(tx).create({ name: `n${i}`, tag: 'given' });
        expect((await repo.in(tx).findById(row.id))?.name).toBe(`n${i}`);
      });
    }
    const rows = (await db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%"${name}"%`}`)) as unknown;
    const n = (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows)[0]!.n;
    // One insert shape and one key read, each prepared once on this connection; nothing named behind a pooler.
    expect(n).toBe(behindPooler ? 0 : 2);
  });

  // SQL text depends on the drizzle instance's casing option: statements are kept per instance (dialect).
  // Engine-independent (text only), so one in-process PGlite serves both casings.
  test.skipIf(engine !== 'pglite')('instances with different casing each get their own column names', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = new PGlite();
    try {
      await client.exec('create table casing_gadgets (id serial primary key, some_value text, "someValue" text)');
      const widgets = pgTable('casing_gadgets', { id: serial().primaryKey(), someValue: text() });
      const snake = createRepository(drizzle({ client, casing: 'snake_case' }), widgets);
      const plain = createRepository(drizzle({ client }), widgets);
      const a = await snake.create({ someValue: 'snake' });
      const b = await plain.create({ someValue: 'camel' });
      expect((await client.query('select id, some_value, "someValue" from casing_gadgets order by id')).rows).toEqual([
        { id: a.id, some_value: 'snake', someValue: null },
        { id: b.id, some_value: null, someValue: 'camel' },
      ]);
      expect((await snake.findById(a.id))?.someValue).toBe('snake');
      expect((await plain.findById(a.id))?.someValue).toBe(null);
      // The same repository in a transaction of the other instance: that instance's names.
      await transaction(drizzle({ client, casing: 'snake_case' }), async (tx) => {
        expect((await plain.in(tx).findById(a.id))?.someValue).toBe('snake');
      });
    } finally {
      await client.close();
    }
  });
});
