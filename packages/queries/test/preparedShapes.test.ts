import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { createDatabase, createRepository, execute, MAX_PREPARED_SHAPES, type AnyDb } from '../src/index.ts';

// Reads are prepared per shape, not per call: the filter's values are bound as placeholders and an
// `in`/`notIn` list travels as one array parameter, so the SQL text depends on the filter's structure
// only. The invariants: (1) whatever the values — hostile strings included, which now cross as an array
// literal — a filter selects exactly the matching rows; (2) one shape is one statement text whatever the
// list lengths; (3) on PostgreSQL one shape is one prepared statement on the connection, and shapes past
// the bound run unnamed, so the server keeps a bounded number however many shapes arrive.

const words = pgTable('shape_words', { id: serial('id').primaryKey(), word: text('word').notNull(), n: integer('n') });
const CREATE = sql`create table shape_words (id serial primary key, word text not null, n integer)`;

async function insertWords(db: AnyDb, list: readonly string[]) {
  await db.execute(sql`truncate shape_words restart identity`);
  for (const [i, word] of list.entries()) await execute(db, sql`insert into shape_words (word, n) values (${word}, ${i})`);
}

// Strings an array literal must escape: quotes, backslashes, braces, commas, spaces, the word NULL, Unicode.
const hostile = fc.oneof(
  fc.constantFrom('', 'NULL', 'null', '"', '\\', '\\"', '{', '}', '{a,b}', ',', ' a ', 'a"b', "it's", 'é', '😀', '\t', '\n'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('"', '\\', ',', '{', '}', ' ', 'N', 'U', 'L', 'a'), maxLength: 6 }),
);

describe('reads prepared per shape', () => {
  test('in / notIn select exactly the rows whose value is (not) listed, for hostile strings', async ({ db }) => {
    await db.execute(CREATE);
    const repo = createRepository(db, words);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(hostile, { minLength: 1, maxLength: 8 }), fc.array(hostile, { minLength: 1, maxLength: 6 }), async (stored, asked) => {
        await insertWords(db, stored);
        const listed = stored.flatMap((w, i) => (asked.includes(w) ? [i + 1] : []));
        const unlisted = stored.flatMap((w, i) => (asked.includes(w) ? [] : [i + 1]));
        expect((await repo.findMany({ where: { word: { in: asked } }, orderBy: [['id', 'asc']] })).map((r) => r.id)).toEqual(listed);
        expect((await repo.findMany({ where: { word: { notIn: asked } }, orderBy: [['id', 'asc']] })).map((r) => r.id)).toEqual(unlisted);
        expect(await repo.count({ where: { word: { in: asked } } })).toBe(listed.length);
        expect(await repo.exists({ where: { word: { in: asked } } })).toBe(listed.length > 0);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  test('one statement text per shape: list lengths and values do not change it', async ({ db }) => {
    await db.execute(CREATE);
    await insertWords(db, ['a', 'b', 'c']);
    const texts: string[] = [];
    const logged = createRepository(withLogger(db, texts), words);
    for (const list of [['a'], ['a', 'b'], Array.from({ length: 500 }, (_, i) => `w${i}`)]) {
      await logged.findMany({ where: { word: { in: list }, n: { gte: list.length } } });
    }
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toMatch(/= any\(\$1::text\[\]\)/);
  });
});

describe('keyset pages on a serial primary key', () => {
  // The cursor's key was cast to the column's SQL type, `serial`, which is no type (42704) on both engines.
  test('paginate walks every row of a table keyed by serial', async ({ db }) => {
    await db.execute(CREATE);
    for (let i = 0; i < 9; i++) await execute(db, sql`insert into shape_words (word, n) values (${`w${i % 3}`}, ${i})`);
    const repo = createRepository(db, words, { sortable: ['word'], writable: ['id'] });
    const seen: number[] = [];
    let page = await repo.paginate({ sort: [['word', 'desc']], limit: 2 });
    seen.push(...page.items.map((r) => r.id));
    while (page.nextCursor) {
      page = await repo.paginate({ sort: [['word', 'desc']], limit: 2, after: page.nextCursor });
      seen.push(...page.items.map((r) => r.id));
    }
    expect(seen).toEqual([9, 6, 3, 8, 5, 2, 7, 4, 1]); // word desc, then id desc (the tie-breaker follows the last key)
    // The same pseudo-type in an `in` list's array cast, and in COPY's staged casts with explicit keys.
    expect((await repo.findMany({ where: { id: { in: [1, 3, 99] } }, orderBy: [['id', 'asc']] })).map((r) => r.id)).toEqual([1, 3]);
    await repo.insertBulk([
      { id: 100, word: 'x', n: 1 },
      { id: 101, word: 'y', n: 2 },
    ]);
    expect(await repo.count({ where: { id: { notIn: [100] }, n: { lte: 2 } } })).toBe(4);
  });
});

/** The same db with a logger that records statement texts (a transaction-free wrapper over the session's logger). */
function withLogger(db: AnyDb, into: string[]): AnyDb {
  const session = (db as unknown as { _: { session: { logger: { logQuery(q: string, p: unknown[]): void } } } })._.session;
  const original = session.logger;
  session.logger = {
    logQuery: (q, p) => {
      into.push(q);
      original.logQuery(q, p);
    },
  };
  return db;
}

describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres' && !process.env.TEST_POOLER_URL)('prepared statements on the server (PostgreSQL)', () => {
  test('one prepared statement per shape on the connection, and at most MAX_PREPARED_SHAPES however many shapes', async ({ isolatedDatabase }) => {
    const database = createDatabase({ schema: { words }, url: isolatedDatabase.url!, pool: { max: 1 } });
    try {
      const { db } = database;
      await db.execute(CREATE);
      const repo = createRepository(db, words);
      const prepared = async () =>
        Number((await execute<{ n: string }>(db, sql`select count(*) as n from pg_prepared_statements where statement like '%shape_words%'`))[0]!.n);
      for (let i = 1; i <= 30; i++) await repo.findMany({ where: { word: { in: Array.from({ length: i }, (_, j) => `v${i}-${j}`) } } });
      expect(await prepared()).toBe(1);
      for (let i = 1; i <= MAX_PREPARED_SHAPES + 40; i++) {
        await repo.count({ where: { and: Array.from({ length: i }, () => ({ n: { gte: i } })) } });
      }
      expect(await prepared()).toBe(MAX_PREPARED_SHAPES);
    } finally {
      await database.close();
    }
  });

  test('keyset and offset pages: one prepared statement per sort and direction, whatever the cursor or page', async ({ isolatedDatabase }) => {
    const database = createDatabase({ schema: { words }, url: isolatedDatabase.url!, pool: { max: 1 } });
    try {
      const { db } = database;
      await db.execute(CREATE);
      await db.execute(sql`insert into shape_words (word, n) select 'w' || (i % 7), i from generate_series(1, 60) i`);
      const repo = createRepository(db, words, { sortable: ['word'] });
      const prepared = async () =>
        Number((await execute<{ n: string }>(db, sql`select count(*) as n from pg_prepared_statements where statement like '%shape_words%'`))[0]!.n);
      const seen: number[] = [];
      let page = await repo.paginate({ sort: [['word', 'asc']], limit: 7 });
      seen.push(...page.items.map((r) => r.id));
      while (page.nextCursor) {
        page = await repo.paginate({ sort: [['word', 'asc']], limit: 7, after: page.nextCursor });
        seen.push(...page.items.map((r) => r.id));
      }
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(await prepared()).toBe(2); // the first page, and the pages after a cursor
      for (let p = 1; p <= 9; p++) expect((await repo.page({ page: p, pageSize: 7 })).total).toBe(60);
      // Two for offset pages: the first (OFFSET 0 in the text) and any later one (the offset bound).
      expect(await prepared()).toBe(4);
    } finally {
      await database.close();
    }
  });
});
