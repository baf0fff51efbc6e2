import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { InvalidCursorError, createRepository, rowsOf, type AnyDb, type SortKey } from '../src/index.ts';

// The invariant: walking keyset pages visits every row exactly once, in the server's order, forwards
// and backwards, for every sortable column type — with data like production's: many rows written by
// one statement (one shared now()), microsecond-apart timestamps inside one millisecond, ties on every
// key, numerics beyond double precision, bigints beyond 2^53, Unicode text.

const items = pgTable('prop_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  day: date('day', { mode: 'string' }).notNull(),
  amount: numeric('amount', { precision: 30, scale: 9 }).notNull(),
  big: bigint('big', { mode: 'bigint' }).notNull(),
  label: text('label').notNull(),
  flag: boolean('flag').notNull(),
  n: integer('n').notNull(),
  ref: uuid('ref').notNull(),
});
const other = pgTable('prop_items_other', { id: uuid('id').primaryKey().defaultRandom(), n: integer('n').notNull() });
const SORTABLE = ['at', 'day', 'amount', 'big', 'label', 'flag', 'n', 'ref'] as const;

const DDL = [
  sql`create table prop_items (
    id uuid primary key default gen_random_uuid(), at timestamptz not null default now(), day date not null,
    amount numeric(30, 9) not null, big bigint not null, label text not null, flag boolean not null,
    n integer not null, ref uuid not null)`,
  sql`create table prop_items_other (id uuid primary key default gen_random_uuid(), n integer not null)`,
];
async function createTables(db: AnyDb): Promise<void> {
  for (const statement of DDL) await db.execute(statement);
}

// Few distinct values per column, so most rows tie on most keys; values at the edges of each type.
const row: fc.Arbitrary<PropRow> = fc.record({
  // Microseconds apart inside one millisecond (and a few across it); null = the statement's now().
  at: fc.option(
    fc.constantFrom(
      '2026-01-01 00:00:00.000001+00',
      '2026-01-01 00:00:00.000002+00',
      '2026-01-01 00:00:00.000999+00',
      '2026-01-01 00:00:00.001+00',
      '2026-01-01 00:00:00.001001+00',
    ),
    { nil: null },
  ),
  day: fc.constantFrom('2026-01-01', '2026-01-02', '1999-12-31'),
  amount: fc.constantFrom('0.000000001', '0.000000002', '123456789012345678901.123456789', '123456789012345678901.123456788', '-1'),
  big: fc.constantFrom(9007199254740993n, 9007199254740992n, -9223372036854775808n, 9223372036854775807n, 0n),
  label: fc.constantFrom('a', 'A', 'é', 'e\u0301', '🙂', 'z', ''),
  flag: fc.boolean(),
  n: fc.constantFrom(-2147483648, 0, 1, 2147483647),
  ref: fc.constantFrom('00000000-0000-0000-0000-000000000001', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
});
const sortArb = fc
  .uniqueArray(fc.constantFrom(...SORTABLE), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fc.constantFrom('asc' as const, 'desc' as const)))));

type PropRow = { at: string | null; day: string; amount: string; big: bigint; label: string; flag: boolean; n: number; ref: string };

async function insertRows(db: AnyDb, rows: readonly PropRow[]): Promise<void> {
  // One statement for all rows: rows without an explicit `at` share that statement's now().
  const values = rows.map(
    (r) =>
      sql`(coalesce(${r.at}::timestamptz, now()), ${r.day}::date, ${r.amount}::numeric, ${r.big.toString()}::bigint, ${r.label}, ${r.flag}, ${r.n}, ${r.ref}::uuid)`,
  );
  await db.execute(sql`insert into prop_items (at, day, amount, big, label, flag, n, ref) values ${sql.join(values, sql`, `)}`);
}

function orderSql(sort: readonly SortKey[]) {
  const last = sort.at(-1)![1];
  const columns: Record<string, string> = { at: 'at', day: 'day', amount: 'amount', big: 'big', label: 'label', flag: 'flag', n: 'n', ref: 'ref' };
  return sql.raw([...sort.map(([k, d]) => `${columns[k]} ${d}`), `id ${last}`].join(', '));
}

describe('keyset pagination: every row exactly once, at full precision', () => {
  test('random rows, random sorts, random page sizes: forwards and backwards walks equal the server order', async ({ db }) => {
    await createTables(db);
    const repo = createRepository(db, items, { sortable: [...SORTABLE], cursorSecret: 'property' });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), sortArb, fc.integer({ min: 1, max: 7 }), async (rows, sort, limit) => {
        await db.execute(sql`delete from prop_items`);
        await insertRows(db, rows);
        const expected = rowsOf<{ id: string }>(await db.execute(sql`select id from prop_items order by ${orderSql(sort)}`)).map((r) => r.id);

        const forward: string[] = [];
        let page = await repo.paginate({ sort, limit });
        forward.push(...page.items.map((r) => r.id));
        for (let guard = 0; page.nextCursor; guard++) {
          expect(guard, 'the walk must end').toBeLessThan(rows.length + 1);
          page = await repo.paginate({ sort, limit, after: page.nextCursor });
          forward.push(...page.items.map((r) => r.id));
        }
        expect(forward).toEqual(expected);

        const backward: string[] = page.items.map((r) => r.id);
        for (let cursor = page.prevCursor, guard = 0; cursor; guard++) {
          expect(guard, 'the walk must end').toBeLessThan(rows.length + 1);
          const previous = await repo.paginate({ sort, limit, before: cursor });
          backward.unshift(...previous.items.map((r) => r.id));
          cursor = previous.prevCursor;
        }
        expect(backward).toEqual(expected);
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });

  test('60 rows from one createMany (one shared now()) paged by a timestamp both ways: all 60, and the walk ends', async ({ db }) => {
    await createTables(db);
    const repo = createRepository(db, items, { sortable: ['at'], cursorSecret: 'batch' });
    await repo.createMany(
      Array.from({ length: 60 }, (_, i) => ({
        day: '2026-01-01',
        amount: '1',
        big: 1n,
        label: `r${i}`,
        flag: true,
        n: i,
        ref: '00000000-0000-0000-0000-000000000001',
      })),
    );
    for (const direction of ['desc', 'asc'] as const) {
      const seen = new Set<string>();
      let page = await repo.paginate({ sort: [['at', direction]], limit: 7 });
      for (const r of page.items) seen.add(r.id);
      for (let guard = 0; page.nextCursor && guard < 20; guard++) {
        page = await repo.paginate({ sort: [['at', direction]], limit: 7, after: page.nextCursor });
        for (const r of page.items) seen.add(r.id);
      }
      expect(page.nextCursor).toBeUndefined();
      expect(seen.size).toBe(60);
    }
  });

  test('a cursor minted for one table is refused by another with the same sort', async ({ db }) => {
    await createTables(db);
    const a = createRepository(db, items, { sortable: ['n'], cursorSecret: 'shared' });
    const b = createRepository(db, other, { sortable: ['n'], cursorSecret: 'shared' });
    await insertRows(db, [
      { at: null, day: '2026-01-01', amount: '1', big: 1n, label: 'x', flag: true, n: 1, ref: '00000000-0000-0000-0000-000000000001' },
      { at: null, day: '2026-01-01', amount: '1', big: 1n, label: 'y', flag: true, n: 2, ref: '00000000-0000-0000-0000-000000000001' },
    ]);
    const { nextCursor } = await a.paginate({ sort: [['n', 'asc']], limit: 1 });
    expect(nextCursor).toBeDefined();
    await expect(b.paginate({ sort: [['n', 'asc']], after: nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
