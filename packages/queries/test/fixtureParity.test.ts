import { orgTest as test } from '@org/testing/vitest';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, describe, expect } from 'vitest';
import { createDatabase, type OrgDatabase } from '../src/index.ts';
import { rowsOf } from '../src/driver/resultRows.ts';
import { typeShape } from './support/parity/sameOnBoth.ts';

// The invariant: @org/testing's `db` fixture reads and binds values exactly as a `createDatabase` client
// of the same engine does. A test that passes only because its fixture is configured differently from
// production proves nothing. Raw `execute()` is where the drivers' own parsers and serialisers show
// (drizzle's column mappers smooth them over in builder queries), so every statement is raw SQL.
// Runs in the fixtures' engine: PGlite in 'queries', PostgreSQL in 'queries (postgres)'.

const at = new Date('2024-02-29T23:59:59.123Z');

/** Statements whose values and value types the driver configuration decides. */
const statements: Record<string, SQL> = {
  'count(*)': sql`select count(*) as n, count(*)::int as i from generate_series(1, 3)`,
  'int8 beyond 2^53, and int8[]': sql`select 9007199254740993::bigint as big, array[1, null, 9007199254740993]::int8[] as bigs`,
  bytea: sql`select '\\x00ff10'::bytea as b, array['\\x01'::bytea, null] as bs`,
  'a Date parameter': sql`select ${at}::timestamptz as ts, ${at}::timestamptz::text as text, ${at}::date as day, ${at} as bare,
    count(*) as n from generate_series(1, 3) g where ${at} < now()`,
  'timestamps as text and the session time zone': sql`select '2024-02-29 23:59:59.123456+00'::timestamptz::text as text,
    '2024-02-29 23:59:59.123456+00'::timestamptz as tz, '2024-02-29 12:00'::timestamp as ts, '2024-02-29'::date as day,
    date_trunc('day', '2024-02-29 23:30+00'::timestamptz)::text as truncated, current_setting('TimeZone') as zone`,
  'NULL array elements': sql`select array[1, null, 3] as ints, array['a', null, 'NULL'] as texts, array[true, null] as bools,
    (select array_agg(x order by x nulls last) from (values (1.5), (null)) v(x)) as agg`,
  'numeric, jsonb, floats, interval, uuid, booleans, null': sql`select 12.30::numeric as num, '{"a": [1, "ü"]}'::jsonb as doc,
    0.1::float8 as f, 1.5::real as r, interval '1 day 2 hours' as span, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as id,
    true as t, null::int as nothing`,
};

let production: OrgDatabase | undefined;

// The production client of the fixtures' engine: a PGlite of its own, or a pool on the worker's database.
test.beforeAll(async ({ workerDatabase }) => {
  production =
    workerDatabase.engine === 'pglite'
      ? createDatabase({ pglite: true })
      : createDatabase({ url: workerDatabase.url, pool: { max: 1 }, prepare: !process.env.TEST_POOLER_URL });
});

afterAll(async () => {
  await production?.close();
});

describe('the db fixture is configured as createDatabase configures the same engine', () => {
  for (const [label, statement] of Object.entries(statements)) {
    test(`${label}: the same values and types through the fixture and through createDatabase`, async ({ db }) => {
      const fromFixture = rowsOf(await db.execute(statement));
      const fromProduction = rowsOf(await production!.db.execute(statement));
      expect(typeShape(fromFixture), 'types').toStrictEqual(typeShape(fromProduction));
      expect(fromFixture).toStrictEqual(fromProduction);
    });
  }

  // What production reads, pinned, so that the fixture and createDatabase cannot drift apart together.
  test('reads as production does on both engines: int8 as text, bytea as Buffer, NULL elements as null, UTC', async ({ db }) => {
    const [row] = rowsOf<Record<string, unknown>>(
      await db.execute(sql`select count(*) as n, '\\x00ff'::bytea as b, array[1, null]::int4[] as a,
        ${at}::timestamptz::text as text, current_setting('TimeZone') as zone from generate_series(1, 2)`),
    );
    expect(row).toStrictEqual({ n: '2', b: Buffer.from([0, 255]), a: [1, null], text: '2024-02-29 23:59:59.123+00', zone: 'UTC' });
  });
});
