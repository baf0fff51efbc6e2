import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { TransactionScopeError, createDatabase, createRepository, transaction, type AnyDb, type ScopeOptions } from '../src/index.ts';

// Automatic batching of key reads: concurrent findById / findOneBy calls on one db or transaction in
// the same tick become one statement. The invariants: (1) each caller gets exactly what it would get
// alone — its row, `undefined` for a miss, a soft-deleted row only when its scope asks, keys equal in
// PostgreSQL's sense (an upper-case uuid) — whatever mix arrives together; (2) the batch runs in the
// callers' transaction (it sees the transaction's own writes); (3) N concurrent reads are one statement
// and one read stays the single prepared read; (4) the outer client inside its transaction is still refused.

const engine = process.env.ORG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const people = pgTable('batch_people', {
  id: uuid('id').primaryKey().defaultRandom(),
  handle: text('handle').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
const CREATE = sql`create table if not exists batch_people (id uuid primary key default gen_random_uuid(), handle text not null, deleted_at timestamptz)`;

const IDS = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
const HANDLES = ['ann', 'Ann', 'bob', 'a,b', '{x}', '"q"', 'back\\slash', 'NULL'];

async function seed(db: AnyDb) {
  await db.execute(CREATE);
  await db.execute(sql`truncate batch_people`);
  // Rows 0..5 live, 6..7 soft-deleted; ids 8+ never exist.
  for (let i = 0; i < 8; i++) {
    await db.execute(sql`insert into batch_people (id, handle, deleted_at) values (${IDS[i]}::uuid, ${HANDLES[i]}, ${i >= 6 ? sql`now()` : sql`null`})`);
  }
}

function counting(db: AnyDb): { db: AnyDb; statements: string[] } {
  const statements: string[] = [];
  const session = (db as unknown as { _: { session: { logger: { logQuery(q: string, p: unknown[]): void } } } })._.session;
  const original = session.logger;
  session.logger = {
    logQuery: (q, p) => {
      statements.push(q);
      original.logQuery(q, p);
    },
  };
  return { db, statements };
}

const scope = fc.constantFrom<ScopeOptions>({}, { withDeleted: true }, { onlyDeleted: true });
const request = fc.oneof(
  fc.record({
    by: fc.constant('id' as const),
    key: fc.constantFrom(...IDS, IDS[2]!.toUpperCase(), '00000000-0000-4000-8000-0000000000ff', 'not-a-uuid'),
    scope,
  }),
  fc.record({ by: fc.constant('handle' as const), key: fc.constantFrom(...HANDLES, 'nobody', 'ANN'), scope }),
);

describe(`key reads in the same tick are batched (${engine})`, () => {
  test('each concurrent caller gets exactly what it gets alone, for any mix of keys and scopes', async ({ db }) => {
    await seed(db);
    const repo = createRepository(db, people);
    const read = (r: { by: 'id' | 'handle'; key: string; scope: ScopeOptions }) =>
      r.by === 'id' ? repo.findById(r.key, r.scope) : repo.findOneBy('handle', r.key, r.scope);
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 24 }), async (requests) => {
        const alone: unknown[] = [];
        for (const r of requests) alone.push(await read(r));
        expect(await Promise.all(requests.map(read))).toEqual(alone);
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  test('sixteen concurrent reads are one statement; one read alone is the single prepared read', async ({ db }) => {
    await seed(db);
    const { statements } = counting(db);
    const repo = createRepository(db, people);
    const keys = Array.from({ length: 16 }, (_, i) => IDS[i % 8]!);
    const rows = await Promise.all(keys.map((id) => repo.findById(id)));
    expect(rows.map((r) => r?.handle)).toEqual(keys.map((_, i) => (i % 8 >= 6 ? undefined : HANDLES[i % 8])));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/with ordinality/);
    await repo.findById(IDS[0]!);
    expect(statements).toHaveLength(2);
    expect(statements[1]).not.toMatch(/ordinality/);
  });

  test('a batch inside a transaction runs in it: it sees the transaction own rows', async ({ isolatedDatabase }) => {
    const database =
      engine === 'postgres'
        ? createDatabase({ schema: { people }, url: isolatedDatabase.url!, pool: { max: 3 } })
        : createDatabase({ schema: { people }, pglite: true });
    try {
      await seed(database.db);
      const repo = createRepository(database.db, people);
      const outcome = await transaction(database.db, async (tx) => {
        const r = repo.in(tx);
        const created = await r.create({ handle: 'only-in-tx' });
        const [mine, old, missing] = await Promise.all([r.findById(created.id), r.findById(IDS[0]!), r.findOneBy('handle', 'only-in-tx')]);
        expect([mine?.handle, old?.handle, missing?.id]).toEqual(['only-in-tx', 'ann', created.id]);
        // The outer client inside its own transaction: refused, batched or not.
        return Promise.all([repo.findById(IDS[1]!), repo.findById(IDS[2]!)]).catch((e: unknown) => e);
      });
      expect(outcome).toBeInstanceOf(TransactionScopeError);
      expect(await repo.findOneBy('handle', 'only-in-tx')).toBeDefined();
    } finally {
      await database.close();
    }
  });
});
