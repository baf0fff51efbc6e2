import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { createRepository, execute, type AnyDb, type Filter } from '../src/index.ts';

// The invariant: a filter selects exactly the rows a plain evaluation of the same filter selects, with
// SQL's three-valued logic (a comparison with NULL is unknown, and unknown is not true), for random
// rows (nulls, ties, microsecond timestamps) and random filter trees of every operator.

const items = pgTable('filter_items', {
  id: serial('id').primaryKey(),
  n: integer('n'),
  label: text('label'),
  flag: boolean('flag'),
  amount: numeric('amount', { precision: 10, scale: 2 }),
  at: timestamp('at', { withTimezone: true }),
  tags: text('tags').array(),
  doc: jsonb('doc').$type<{ a?: number; b?: string }>(),
});
type Row = {
  n: number | null;
  label: string | null;
  flag: boolean | null;
  amount: string | null;
  atMicros: bigint | null;
  tags: string[] | null;
  doc: { a?: number; b?: string } | null;
};

const BASE_MS = Date.UTC(2026, 0, 1);
const MICRO_OFFSETS = [0n, 1n, 999n, 1000n, 1001n, 2000n];
const micros = (offset: bigint) => BigInt(BASE_MS) * 1000n + offset;
const isoOf = (m: bigint) => {
  const ms = m / 1000n;
  const frac = (m % 1000000n).toString().padStart(6, '0');
  return `${new Date(Number(ms)).toISOString().slice(0, 19)}.${frac}+00`;
};

const rowArb: fc.Arbitrary<Row> = fc.record({
  n: fc.option(fc.constantFrom(-2, 0, 1, 2, 7), { nil: null }),
  label: fc.option(fc.constantFrom('a', 'b', 'ab', 'ba', 'abc', 'A', ''), { nil: null }),
  flag: fc.option(fc.boolean(), { nil: null }),
  amount: fc.option(fc.constantFrom('0.00', '1.50', '1.05', '-3.00', '12.34'), { nil: null }),
  atMicros: fc.option(fc.constantFrom(...MICRO_OFFSETS).map(micros), { nil: null }),
  tags: fc.option(fc.uniqueArray(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }), { nil: null }),
  doc: fc.option(fc.record({ a: fc.constantFrom(1, 2), b: fc.constantFrom('p', 'q') }, { requiredKeys: [] }), { nil: null }),
});

type Condition = { column: keyof Row; filter: unknown; test: (row: Row) => boolean | null };
type Tree = { kind: 'and'; conditions: Condition[]; or: Tree[] };

const cmp = (op: string, a: number | bigint, b: number | bigint): boolean =>
  op === 'eq' ? a === b : op === 'ne' ? a !== b : op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
const likeToRegExp = (pattern: string, insensitive: boolean) =>
  new RegExp(
    `^${[...pattern].map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`,
    insensitive ? 'is' : 's',
  );

/** A scalar comparison on a column, in the filter syntax and as a model over decoded values. */
function scalar<V extends number | bigint | boolean | string>(
  column: keyof Row,
  operands: fc.Arbitrary<V>,
  decode: (row: Row) => number | bigint | boolean | string | null,
  toFilter: (v: V) => unknown,
  toModel: (v: V) => number | bigint | boolean | string,
  ordered: boolean,
): fc.Arbitrary<Condition> {
  const ops = ordered ? ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] : ['eq', 'ne'];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...ops), operands).map(([op, v]) => ({
      column,
      filter: { [op]: toFilter(v) },
      test: (row: Row) => {
        const x = decode(row);
        return x === null ? null : cmp(op, x as number, toModel(v) as number);
      },
    })),
    fc.tuple(fc.constantFrom('in', 'notIn'), fc.array(operands, { maxLength: 3 })).map(([op, vs]) => ({
      column,
      filter: { [op]: vs.map(toFilter) },
      test: (row: Row) => {
        if (vs.length === 0) return op === 'notIn';
        const x = decode(row);
        if (x === null) return null;
        const found = vs.some((v) => toModel(v) === x);
        return op === 'in' ? found : !found;
      },
    })),
    fc.boolean().map((isNull) => ({ column, filter: { isNull }, test: (row: Row) => (decode(row) === null) === isNull })),
    fc.constantFrom('eq', 'ne').map((op) => ({ column, filter: { [op]: null }, test: (row: Row) => (decode(row) === null) === (op === 'eq') })),
    operands.map((v) => ({
      column,
      filter: toFilter(v),
      test: (row: Row) => {
        const x = decode(row);
        return x === null ? null : x === toModel(v);
      },
    })),
  );
}

const cents = (s: string | null) => (s === null ? null : Math.round(Number(s) * 100));
const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  scalar(
    'n',
    fc.constantFrom(-2, 0, 1, 2, 3),
    (r) => r.n,
    (v) => v,
    (v) => v,
    true,
  ),
  scalar(
    'flag',
    fc.boolean(),
    (r) => r.flag,
    (v) => v,
    (v) => v,
    false,
  ),
  scalar(
    'amount',
    fc.constantFrom('0', '1.5', '1.05', '-3', '12.34', '100'),
    (r) => cents(r.amount),
    (v) => v,
    (v) => cents(v)!,
    true,
  ),
  scalar(
    'atMicros',
    fc.constantFrom(0, 1, 2, -1),
    (r) => r.atMicros,
    (ms) => new Date(BASE_MS + ms),
    (ms) => BigInt(BASE_MS + ms) * 1000n,
    true,
  ),
  scalar(
    'label',
    fc.constantFrom('a', 'b', 'ab', 'zz', ''),
    (r) => r.label,
    (v) => v,
    (v) => v,
    false,
  ),
  fc.tuple(fc.constantFrom('like', 'ilike'), fc.stringMatching(/^[abAB%_]{0,4}$/)).map(([op, pattern]) => ({
    column: 'label' as const,
    filter: { [op]: pattern },
    test: (row: Row) => (row.label === null ? null : likeToRegExp(pattern, op === 'ilike').test(row.label)),
  })),
  fc
    .tuple(fc.constantFrom('contains', 'overlaps', 'containedBy'), fc.uniqueArray(fc.constantFrom<string>('x', 'y', 'z'), { minLength: 1, maxLength: 2 }))
    .map(([op, vs]) => ({
      column: 'tags' as const,
      filter: { [op]: vs },
      test: (row: Row) => {
        if (row.tags === null) return null;
        const tags = row.tags;
        return op === 'contains' ? vs.every((v) => tags.includes(v)) : op === 'overlaps' ? vs.some((v) => tags.includes(v)) : tags.every((t) => vs.includes(t));
      },
    })),
  fc.record({ a: fc.constantFrom(1, 2), b: fc.constantFrom('p', 'q') }, { requiredKeys: [] }).map((part) => ({
    column: 'doc' as const,
    filter: { contains: part },
    test: (row: Row) => (row.doc === null ? null : Object.entries(part).every(([k, v]) => (row.doc as Record<string, unknown>)[k] === v)),
  })),
);

const treeArb: fc.Memo<Tree> = fc.memo((depth) =>
  fc.record({
    kind: fc.constant('and' as const),
    conditions: fc.array(conditionArb, { maxLength: 3 }),
    or: depth > 1 ? fc.array(treeArb(depth - 1), { maxLength: 3 }) : fc.constant([]),
  }),
);

const and3 = (values: (boolean | null)[]) => (values.includes(false) ? false : values.includes(null) ? null : true);
const or3 = (values: (boolean | null)[]) => (values.includes(true) ? true : values.includes(null) ? null : false);

/** SQL semantics: the conditions ANDed, then AND (OR of the alternatives) when there are any. */
function evaluate(tree: Tree, row: Row): boolean | null {
  const parts = tree.conditions.map((c) => c.test(row));
  if (tree.or.length > 0) parts.push(or3(tree.or.map((t) => evaluate(t, row))));
  return and3(parts);
}

async function insertRows(db: AnyDb, rows: Row[]): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows) {
    const [row] = await execute<{ id: number }>(
      db,
      sql`insert into filter_items (n, label, flag, amount, at, tags, doc) values (${r.n}, ${r.label}, ${r.flag}, ${r.amount}::numeric,
        ${r.atMicros === null ? null : isoOf(r.atMicros)}::timestamptz, ${r.tags === null ? null : sql`${`{${r.tags.join(',')}}`}::text[]`}, ${r.doc === null ? null : JSON.stringify(r.doc)}::jsonb) returning id`,
    );
    ids.push(row!.id);
  }
  return ids;
}

describe('filters select exactly what the model selects', () => {
  test('random rows and random filter trees of every operator, with SQL three-valued logic', async ({ db }) => {
    await db.execute(sql`create table filter_items (id serial primary key, n integer, label text, flag boolean, amount numeric(10,2),
      at timestamptz, tags text[], doc jsonb)`);
    const repo = createRepository(db, items);
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 12 }), treeArb(3), async (rows, tree) => {
        await db.execute(sql`truncate filter_items restart identity`);
        const ids = await insertRows(db, rows);
        const expected = ids.filter((_, i) => evaluate(tree, rows[i]!) === true);
        const where = buildFilter(tree);
        const got = (await repo.findMany({ where, limit: 100, orderBy: [['id', 'asc']] })).map((r) => r.id);
        expect(got).toEqual(expected);
        expect(await repo.count({ where })).toBe(expected.length);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

function buildFilter(tree: Tree): Filter<typeof items> {
  const columnKey = (c: Condition) => (c.column === 'atMicros' ? 'at' : c.column);
  const parts: Record<string, unknown>[] = tree.conditions.map((c) => ({ [columnKey(c)]: c.filter }));
  return { and: parts, ...(tree.or.length > 0 ? { or: tree.or.map(buildFilter) } : {}) } as Filter<typeof items>;
}
