// Issue 10, "How we test": a hostile-input fuzzer over every public argument of the repository
// methods, `transaction`'s options and `withUserScope`'s user id, on a consumer-like table of the
// test's own (a column of every common type, soft delete, a relation) and on @org's `leads`.
// For every call: it succeeds with a correctly typed result, or fails with a DataLayerError (or the
// caller's own error from a getter of its input, unchanged); a ValidationError means no SQL ran and
// nothing changed; no failure writes anything; no generated string shows in any rendering of the error.
import { schema, users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { getTableColumns, relations, sql, type Column } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, numeric, pgTable, real, serial, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import fc from 'fast-check';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import {
  DataLayerError,
  IntegrityConstraintViolationError,
  InvalidCursorError,
  NotFoundError,
  TooManyRowsError,
  ValidationError,
  createOrgRepositories,
  createRepository,
  readUserScopeKey,
  rowsOf,
  transaction,
  withUserScope,
  type OrgDb,
} from '../src/index.ts';

/** Every generated string carries it; no error may show it. */
const CANARY = 'Qz7canary';
const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_510);
const NUM_RUNS = Number(process.env.HOSTILE_RUNS ?? 1000);

const gadgets = pgTable('fuzz_gadgets', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  qty: integer('qty').notNull().default(0),
  small: smallint('small'),
  big: bigint('big', { mode: 'number' }),
  price: numeric('price', { precision: 12, scale: 2 }),
  ratio: real('ratio'),
  code: varchar('code', { length: 20 }),
  ref: uuid('ref'),
  active: boolean('active').notNull().default(true),
  seenAt: timestamp('seen_at', { withTimezone: true }),
  day: date('day'),
  meta: jsonb('meta'),
  tags: text('tags').array(),
  status: varchar('status', { length: 12, enum: ['draft', 'live', 'retired'] })
    .notNull()
    .default('draft'),
  ownerId: uuid('owner_id').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
const gadgetsRelations = relations(gadgets, ({ one }) => ({ owner: one(users, { fields: [gadgets.ownerId], references: [users.id] }) }));

const GADGETS_DDL = sql.raw(`create table fuzz_gadgets (
  id serial primary key, name text not null, qty integer not null default 0, small smallint, big bigint,
  price numeric(12,2), ratio real, code varchar(20), ref uuid, active boolean not null default true,
  seen_at timestamptz, day date, meta jsonb, tags text[], status varchar(12) not null default 'draft',
  owner_id uuid references users(id), created_at timestamptz not null default now(), deleted_at timestamptz)`);

/** An error a getter of the caller's input throws: the caller's own, it must come back unchanged. */
class GetterBomb extends Error {}

/** Gives an object a short description for fast-check's reports (which would call its getters or recurse). */
function labelled<T extends object>(value: T, label: string | (() => string)): T {
  Object.defineProperty(value, fc.toStringMethod, { value: typeof label === 'string' ? () => label : label, enumerable: false });
  return value;
}

function deepObject(depth: number): object {
  let value: object = { leaf: CANARY };
  for (let i = 0; i < depth; i++) value = { nested: value };
  return labelled(value, `deepObject(${depth})`);
}
function deepOr(depth: number): object {
  let value: object = { name: CANARY };
  for (let i = 0; i < depth; i++) value = { or: [value] };
  return labelled(value, `deepOr(${depth})`);
}
const cyclic = (() => {
  const value: Record<string, unknown> = { name: CANARY };
  value.self = value;
  return labelled(value, 'cyclic');
})();
const throwingGetter = labelled(
  Object.defineProperty({}, 'name', {
    enumerable: true,
    get: () => {
      throw new GetterBomb(CANARY);
    },
  }),
  'throwingGetter(name)',
);
const throwingToJson = labelled(
  {
    toJSON: () => {
      throw new GetterBomb(CANARY);
    },
  },
  'throwingToJSON',
);
const throwingValueOf = labelled(
  {
    valueOf: () => {
      throw new GetterBomb(CANARY);
    },
    toString: () => {
      throw new GetterBomb(CANARY);
    },
  },
  'throwingValueOf',
);
const huge = labelled([`${CANARY}${'x'.repeat(1_000_000)}`], 'hugeString').at(0)!;
const bigList = labelled(
  Array.from({ length: 70_000 }, (_, i) => i),
  'list(70000)',
);
const bigStringList = labelled(
  Array.from({ length: 70_000 }, (_, i) => `${CANARY}${i}`),
  'stringList(70000)',
);

/** Values no well-behaved caller passes. */
const hostileConstants: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  1e21,
  2 ** 53,
  -(2 ** 53),
  2 ** 31,
  -0,
  0.5,
  Number.MAX_VALUE,
  1e300,
  -1,
  0,
  10n ** 30n,
  2n ** 63n,
  -(2n ** 63n) - 1n,
  1n,
  new Date(NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date('0000-06-01T00:00:00Z'),
  `${CANARY}\u0000`,
  `${CANARY}\ud800`,
  `\udfff${CANARY}`,
  `${CANARY}'; drop table leads; --`,
  `${CANARY}%_\\`,
  `${CANARY}\\`,
  `${CANARY}) or (1=1`,
  `${CANARY}"`,
  huge,
  '',
  ' ',
  [],
  [CANARY],
  [[CANARY]],
  [null],
  bigList,
  bigStringList,
  [1, CANARY],
  {},
  Object.create(null),
  JSON.parse(`{"__proto__": {"polluted": "${CANARY}"}}`),
  { constructor: { prototype: { polluted: CANARY } } },
  { toString: () => CANARY },
  cyclic,
  deepObject(2_000),
  deepOr(2_000),
  throwingGetter,
  throwingToJson,
  throwingValueOf,
  labelled(sql`true`, 'sql`true`'),
  labelled(sql.raw(`1=1) or (${CANARY}`), 'sql.raw(injection)'),
  Symbol(CANARY),
  () => CANARY,
  true,
  false,
  null,
  undefined,
  new Map([[CANARY, 1]]),
  new Set([CANARY]),
  Buffer.from(CANARY),
  new Uint8Array([0, 1]),
];

const canaryString = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => `${CANARY}${s}`),
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => `${s}${CANARY}${s}`),
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileConstants) },
  { weight: 1, arbitrary: canaryString },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.array(canaryString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(canaryString, canaryString, { maxKeys: 2 }) },
);
/** Mostly plausible, sometimes hostile: plausible values get deeper into the code. */
const either = <T>(plausible: fc.Arbitrary<T>, hostileWeight = 1): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: plausible as fc.Arbitrary<unknown> }, { weight: hostileWeight, arbitrary: hostile });

const dateArb = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true });

interface Target {
  name: string;
  repo: ReturnType<typeof createRepository<OrgDb, any>>;
  columns: Record<string, Column>;
  plausible: Record<string, fc.Arbitrary<unknown>>;
  ids: () => unknown[];
  sortable: string[];
  relation: string;
}

function plausibleGadget(ownerIds: () => string[]): Record<string, fc.Arbitrary<unknown>> {
  return {
    name: canaryString,
    qty: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    small: fc.integer({ min: -32_768, max: 32_767 }),
    big: fc.maxSafeInteger(),
    price: fc.integer({ min: -1e11, max: 1e11 }).map((n) => (n / 100).toFixed(2)),
    ratio: fc.float({ noNaN: true, noDefaultInfinity: true }),
    code: fc.string({ maxLength: 10 }).map((s) => `${CANARY}${s}`),
    ref: fc.uuid(),
    active: fc.boolean(),
    seenAt: dateArb,
    day: dateArb.map((d) => d.toISOString().slice(0, 10)),
    meta: fc.jsonValue({ maxDepth: 2 }),
    tags: fc.array(canaryString, { maxLength: 3 }),
    status: fc.constantFrom('draft', 'live', 'retired'),
    ownerId: fc.constantFrom(...[...ownerIds(), null]),
    id: fc.integer({ min: 1, max: 10 }),
    createdAt: dateArb,
    deletedAt: dateArb,
  };
}

function plausibleLead(): Record<string, fc.Arbitrary<unknown>> {
  return {
    name: canaryString,
    email: fc.emailAddress().map((e) => `${CANARY.toLowerCase()}.${e}`),
    phone: fc.string({ maxLength: 12 }).map((s) => `${CANARY}${s}`),
    state: fc.constantFrom('CA', 'TX', 'NY'),
    debtAmount: fc.integer({ min: 0, max: 1e9 }).map((n) => (n / 100).toFixed(2)),
    debtTypes: fc.array(canaryString, { maxLength: 3 }),
    status: fc.constantFrom('new', 'contacted', 'qualified', 'converted', 'archived'),
    partnerMatched: fc.boolean(),
    quizAnswers: fc.constant({}),
    ipAddress: fc.ipV4(),
    id: fc.uuid(),
    createdAt: dateArb,
    deletedAt: dateArb,
  };
}

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'isNull', 'like', 'ilike', 'contains', 'containedBy', 'overlaps'];

function filterArb(t: Target): fc.Arbitrary<unknown> {
  const keys = Object.keys(t.plausible).filter((k) => k in t.columns);
  const value = (key: string) => either(t.plausible[key]!);
  const operand = (key: string) =>
    fc.oneof(
      value(key),
      fc.array(t.plausible[key]!, { maxLength: 3 }),
      fc.boolean(),
      t.plausible[key]!.map((v) => [v]),
    );
  const condition = (key: string) =>
    fc.oneof(
      value(key),
      fc.constant(null),
      fc.dictionary(fc.oneof(fc.constantFrom(...OPERATORS), canaryString, fc.constantFrom('__proto__', 'constructor', 'raw')), operand(key), { maxKeys: 2 }),
    );
  const entry = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys).chain((k) => condition(k).map((c) => [k, c] as const)) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(canaryString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'or')), hostile) },
  );
  const flat = fc.array(entry, { maxLength: 3 }).map((entries) => Object.fromEntries(entries));
  return fc.oneof(
    { weight: 6, arbitrary: flat },
    { weight: 2, arbitrary: fc.tuple(flat, fc.array(flat, { maxLength: 3 })).map(([f, alternatives]) => ({ ...f, or: alternatives })) },
    { weight: 1, arbitrary: hostile },
  );
}

/** A call of one public method with generated arguments. */
interface Call {
  method: string;
  run: () => Promise<unknown>;
  check: (result: unknown) => void;
}

function expectRow(t: Target, row: unknown, relational = false): void {
  expect(typeof row === 'object' && row !== null && !Array.isArray(row), 'a row is an object').toBe(true);
  for (const [key, value] of Object.entries(row as object)) {
    const column = t.columns[key];
    if (!column) {
      expect(relational && key === t.relation, `unexpected field '${key}'`).toBe(true);
      continue;
    }
    if (value === null) {
      expect(column.notNull, `${key} is NOT NULL but came back null`).toBe(false);
      continue;
    }
    const expected: Record<string, (v: unknown) => boolean> = {
      number: (v) => typeof v === 'number' && Number.isFinite(v),
      string: (v) => typeof v === 'string',
      boolean: (v) => typeof v === 'boolean',
      date: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
      array: (v) => Array.isArray(v),
      json: () => true,
      bigint: (v) => typeof v === 'bigint',
      custom: () => true,
    };
    expect((expected[column.dataType] ?? (() => true))(value), `${key} (${column.dataType}) came back as ${typeof value}`).toBe(true);
  }
}

function calls(t: Target, db: OrgDb, scopeKey: string, userIds: () => string[]): fc.Arbitrary<Call> {
  const rows = (r: unknown) => {
    expect(Array.isArray(r)).toBe(true);
    for (const row of r as unknown[]) expectRow(t, row);
  };
  const relRows = (r: unknown) => {
    expect(Array.isArray(r)).toBe(true);
    for (const row of r as unknown[]) expectRow(t, row, true);
  };
  const maybeRow = (r: unknown) => r === undefined || expectRow(t, r);
  const maybeRelRow = (r: unknown) => r === undefined || expectRow(t, r, true);
  const count = (r: unknown) => expect(Number.isSafeInteger(r) && (r as number) >= 0).toBe(true);
  const bool = (r: unknown) => expect(typeof r).toBe('boolean');
  const id = either(fc.oneof(fc.constantFrom(...t.ids()), t.plausible.id!), 2);
  const scope = either(fc.record({ withDeleted: fc.boolean(), onlyDeleted: fc.boolean() }, { requiredKeys: [] }));
  const sortKey = fc.tuple(fc.oneof(fc.constantFrom(...t.sortable), canaryString), fc.oneof(fc.constantFrom('asc', 'desc'), canaryString));
  const sort = either(fc.array(either(sortKey), { maxLength: 3 }));
  const where = filterArb(t);
  const readOpts = fc.record(
    {
      where,
      withDeleted: either(fc.boolean()),
      onlyDeleted: either(fc.boolean()),
      orderBy: sort,
      limit: either(fc.integer({ min: 1, max: 50 })),
      offset: either(fc.nat(20)),
    },
    { requiredKeys: [] },
  );
  const readOptsOrHostile = fc.oneof({ weight: 5, arbitrary: readOpts }, { weight: 1, arbitrary: hostile });
  const keys = Object.keys(t.plausible).filter((k) => !['id', 'createdAt', 'deletedAt'].includes(k));
  const row = fc.record(Object.fromEntries(keys.map((k) => [k, t.plausible[k]!])), { requiredKeys: [] }).chain((base) =>
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...Object.keys(t.plausible)), canaryString, fc.constantFrom('__proto__', 'constructor')), hostile), {
        maxLength: 2,
      })
      .map((overrides) => Object.fromEntries([...Object.entries(base), ...overrides])),
  );
  const rowOrHostile = fc.oneof({ weight: 5, arbitrary: row }, { weight: 1, arbitrary: hostile });
  const rowList = fc.oneof({ weight: 5, arbitrary: fc.array(rowOrHostile, { maxLength: 3 }) }, { weight: 1, arbitrary: hostile });
  const relConfig = either(
    fc.record(
      {
        with: either(fc.oneof(fc.constant({ [t.relation]: true }), fc.dictionary(canaryString, fc.constant(true), { maxKeys: 1 }))),
        columns: either(fc.dictionary(fc.constantFrom(...Object.keys(t.columns)), fc.boolean(), { maxKeys: 3 })),
        limit: either(fc.integer({ min: 1, max: 10 })),
        offset: either(fc.nat(5)),
      },
      { requiredKeys: [] },
    ),
  );
  const cursor = either(
    fc.oneof(
      canaryString,
      fc.base64String().map((s) => `${s}.${CANARY}`),
    ),
  );
  const repo = t.repo as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const call = (method: string, args: fc.Arbitrary<unknown[]>, check: (r: unknown) => void) =>
    args.map((a): Call => labelled({ method, run: () => repo[method]!(...a), check }, () => `${t.name}.${method}(${fc.stringify(a).slice(0, 300)})`));
  const tx = (options: unknown): Call =>
    labelled(
      { method: 'transaction', run: () => transaction(db, (inner) => createRepoCount(inner, t), options as never), check: count },
      () => `transaction(options: ${fc.stringify(options).slice(0, 300)})`,
    );
  const scoped = (userId: unknown, options: unknown): Call =>
    labelled(
      { method: 'withUserScope', run: () => withUserScope(db, userId as string, (inner) => createRepoCount(inner, t), options as never), check: count },
      () => `withUserScope(${fc.stringify(userId).slice(0, 100)}, ${fc.stringify(options).slice(0, 200)})`,
    );
  return fc.oneof(
    call('findById', fc.tuple(id, scope), maybeRow),
    call('getById', fc.tuple(id, scope), (r) => expectRow(t, r)),
    call('findOneBy', fc.tuple(either(fc.constantFrom(...Object.keys(t.plausible))), either(fc.oneof(...Object.values(t.plausible))), scope), maybeRow),
    call('findOne', fc.tuple(readOptsOrHostile), maybeRow),
    call('findMany', fc.tuple(readOptsOrHostile), rows),
    call('findManyWith', fc.tuple(relConfig, readOptsOrHostile), relRows),
    call('findFirstWith', fc.tuple(relConfig, readOptsOrHostile), maybeRelRow),
    call('findByIdWith', fc.tuple(id, relConfig, scope), maybeRelRow),
    call('count', fc.tuple(readOptsOrHostile), count),
    call('exists', fc.tuple(readOptsOrHostile), bool),
    call('create', fc.tuple(rowOrHostile), (r) => expectRow(t, r)),
    call('createMany', fc.tuple(rowList), rows),
    call('insertBulk', fc.tuple(rowList), count),
    call('update', fc.tuple(id, rowOrHostile), (r) => expectRow(t, r)),
    call(
      'upsert',
      fc.tuple(
        rowOrHostile,
        either(
          fc.record(
            { target: either(fc.constantFrom('id', 'name', 'email')), set: either(fc.constantFrom('all', ['name'])), targetWhere: hostile },
            { requiredKeys: ['target'] },
          ),
        ),
      ),
      (r) => expectRow(t, r),
    ),
    call('delete', fc.tuple(id), bool),
    call('softDelete', fc.tuple(id), (r) => expectRow(t, r)),
    call('restore', fc.tuple(id), (r) => expectRow(t, r)),
    call('purge', fc.tuple(id), bool),
    call('purgeDeleted', fc.tuple(either(dateArb)), count),
    call(
      'paginate',
      fc.tuple(either(fc.record({ where, sort, limit: either(fc.integer({ min: 1, max: 50 })), after: cursor, before: cursor }, { requiredKeys: [] }))),
      (r) => {
        const page = r as { items: unknown; nextCursor: unknown; prevCursor: unknown };
        rows(page.items);
        for (const c of [page.nextCursor, page.prevCursor]) expect(c === undefined || typeof c === 'string').toBe(true);
      },
    ),
    call(
      'page',
      fc.tuple(
        either(
          fc.record(
            { where, orderBy: sort, page: either(fc.integer({ min: 1, max: 5 })), pageSize: either(fc.integer({ min: 1, max: 50 })) },
            { requiredKeys: [] },
          ),
        ),
      ),
      (r) => {
        const page = r as { items: unknown; total: number; page: number; pageSize: number; pageCount: number };
        rows(page.items);
        for (const n of [page.total, page.page, page.pageSize, page.pageCount]) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      },
    ),
    either(
      fc.record(
        {
          isolationLevel: either(fc.constantFrom('read committed', 'repeatable read', 'serializable')),
          accessMode: either(fc.constantFrom('read only', 'read write')),
          retry: either(
            fc.oneof(
              fc.constant(false as const),
              fc.record(
                { maxAttempts: either(fc.integer({ min: 1, max: 3 })), baseDelayMs: either(fc.nat(5)), maxDelayMs: either(fc.nat(5)) },
                { requiredKeys: [] },
              ),
            ),
          ),
          onRetry: either(fc.constant(() => undefined)),
        },
        { requiredKeys: [] },
      ),
    ).map(tx),
    fc.tuple(either(fc.constantFrom(...userIds()), 2), either(fc.constant({ key: scopeKey }))).map(([u, o]) => scoped(u, o)),
  );
}

/** The count through a repository on the transaction a scope or transaction hands in. */
function createRepoCount(inner: OrgDb, t: Target): Promise<number> {
  return createRepository(inner, t.repo.table as never).count();
}

/** Every route by which an error gets shown. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  return [
    String(e.message),
    String(e.stack),
    JSON.stringify(e.toJSON?.() ?? null),
    inspect(e),
    inspect(e, { showHidden: true, depth: Infinity }),
    inspect(e.cause, { depth: Infinity }),
  ];
}

test('hostile input: typed errors before SQL, nothing written, no value in any error', { timeout: 120_000 }, async ({ isolatedDatabase }) => {
  let statements = 0;
  const fullSchema = { ...schema, gadgets, gadgetsRelations };
  const logger = { logQuery: () => void statements++ };
  const engine = isolatedDatabase.engine;
  const make = (config: object) =>
    (engine === 'pglite'
      ? drizzlePglite(isolatedDatabase.client as never, config)
      : drizzlePostgres(isolatedDatabase.client as never, config)) as unknown as OrgDb;
  const db = make({ schema: fullSchema, logger });
  const plain = make({ schema: fullSchema });
  await plain.execute(GADGETS_DDL);
  const owners = await plain
    .insert(users)
    .values([{ email: 'owner1@example.test' }, { email: 'owner2@example.test' }])
    .returning();
  const ownerIds = owners.map((o) => o.id);
  const gadgetRepo = createRepository(db, gadgets, { sortable: ['name', 'qty', 'createdAt'], immutable: ['ownerId'], maxRows: 50 });
  const leadRepo = createOrgRepositories(db).leads;
  for (let i = 0; i < 5; i++) await gadgetRepo.create({ name: `${CANARY}-seed-${i}`, qty: i, ownerId: ownerIds[i % 2]! });
  for (let i = 0; i < 5; i++) {
    await leadRepo.create({ name: `${CANARY} seed`, email: `seed${i}@example.test`, phone: '555', state: 'CA', debtAmount: '1000.00' });
  }
  const scopeKey = await readUserScopeKey(plain);
  const gadgetIds = async () => rowsOf<{ id: number }>(await plain.execute(sql`select id from fuzz_gadgets order by id limit 10`)).map((r) => r.id);
  const leadIds = async () => rowsOf<{ id: string }>(await plain.execute(sql`select id::text from leads order by id limit 10`)).map((r) => r.id);
  const knownGadgets = await gadgetIds();
  const knownLeads = await leadIds();
  const targets: Target[] = [
    {
      name: 'gadgets',
      repo: gadgetRepo as never,
      columns: getTableColumns(gadgets),
      plausible: plausibleGadget(() => ownerIds),
      ids: () => knownGadgets,
      sortable: ['name', 'qty', 'createdAt', 'id'],
      relation: 'owner',
    },
    {
      name: 'leads',
      repo: leadRepo as never,
      columns: getTableColumns(schema.leads),
      plausible: plausibleLead(),
      ids: () => knownLeads,
      sortable: ['createdAt', 'debtAmount', 'name', 'state', 'status', 'id'],
      relation: 'partner',
    },
  ];

  const snapshot = async () =>
    rowsOf<Record<string, unknown>>(
      await plain.execute(sql`select
        (select count(*)::int from fuzz_gadgets) as gadgets,
        (select md5(coalesce(string_agg(g::text, '|' order by g.id), '')) from fuzz_gadgets g) as gadgets_sum,
        (select count(*)::int from leads) as leads,
        (select md5(coalesce(string_agg(l::text, '|' order by l.id), '')) from leads l) as leads_sum,
        (select last_value::text || is_called::text from fuzz_gadgets_id_seq) as sequence`),
    )[0]!;
  const stats = { ok: 0, validation: 0, other: 0, passedThrough: 0 };

  async function probe(call: Call): Promise<void> {
    const before = await snapshot();
    const ran = statements;
    let result: unknown;
    let error: unknown;
    let failed = false;
    try {
      result = await call.run();
    } catch (e) {
      failed = true;
      error = e;
    }
    if (!failed) {
      call.check(result);
      stats.ok++;
      return;
    }
    const { gadgets: g, gadgets_sum: gs, leads: l, leads_sum: ls } = await snapshot();
    expect({ g, gs, l, ls }, 'a failed call changed no row').toEqual({ g: before.gadgets, gs: before.gadgets_sum, l: before.leads, ls: before.leads_sum });
    if (error instanceof GetterBomb) {
      // The caller's own error from its input's getter: it comes back as thrown, before any SQL.
      expect(statements).toBe(ran);
      stats.passedThrough++;
      return;
    }
    expect(error, `${call.method} failed with ${inspect(error, { depth: 1 }).slice(0, 400)}`).toBeInstanceOf(DataLayerError);
    if (error instanceof ValidationError) {
      expect(error.sqlState, `${call.method}: bad input reached PostgreSQL (${error.message})`).toBeUndefined();
      expect(statements, `${call.method}: SQL ran before the ValidationError`).toBe(ran);
      expect((await snapshot()).sequence).toBe(before.sequence);
      stats.validation++;
    } else {
      const expected = [NotFoundError, InvalidCursorError, TooManyRowsError, IntegrityConstraintViolationError];
      expect(
        expected.some((k) => error instanceof k),
        `${call.method}: unexpected ${(error as Error).name}: ${(error as Error).message}`,
      ).toBe(true);
      stats.other++;
    }
    for (const text of renderings(error)) expect(text.includes(CANARY), `${call.method}: the error shows a generated value`).toBe(false);
  }

  // HOSTILE_SURVEY=1 lists every distinct defect of a run instead of stopping at the first (for fixing).
  const survey = new Map<string, string>();
  const describeCall = (call: Call) => (call as unknown as Record<symbol, () => string>)[fc.toStringMethod]!();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...targets).chain((t) => calls(t, db, scopeKey, () => ownerIds)),
      async (call) => {
        if (!process.env.HOSTILE_SURVEY) return probe(call);
        await probe(call).catch((e: unknown) => {
          const key = String((e as Error).message)
            .split('\n')[0]!
            .replace(/\d+/g, 'N')
            .slice(0, 200);
          if (!survey.has(key)) survey.set(key, describeCall(call).slice(0, 500));
        });
      },
    ),
    { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
  );
  if (process.env.HOSTILE_SURVEY) console.log(stats);
  if (survey.size) console.log([...survey].map(([k, v]) => `${k}\n    ${v}`).join('\n'));
  // The run exercised every outcome: successes, refusals before SQL, and failures the database decided.
  expect(stats.ok).toBeGreaterThan(NUM_RUNS / 10);
  expect(stats.validation).toBeGreaterThan(NUM_RUNS / 10);
});
