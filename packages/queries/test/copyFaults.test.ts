import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { inspect } from 'node:util';
import { describe, expect } from 'vitest';
import {
  CheckViolationError,
  ConnectionError,
  type DataLayerError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueViolationError,
  ValidationError,
  createDatabase,
  createRepository,
  transaction,
  type OrgDb,
} from '../src/index.ts';
import { collectUncaught } from './support/collectUncaught.ts';
import { fullPoolServes } from './support/fullPoolServes.ts';

// insertBulk COPYs straight into the table on postgres.js. postgres.js 3.4.9 never settles a COPY the
// server rejects after the last chunk (porsager/postgres#1173) and would leave its transaction open;
// copyIn observes the rejection itself. Proven here on a real server: a COPY of 100,000 rows failing
// at the first row, row 50,000 and the last, for each kind of rejection, outside and inside a caller's
// transaction — each time a typed error with the constraint's name and no value of the row in any
// rendering, nothing written, no uncaught error, and every pool slot serving the next statement. And a
// backend killed in the middle of a COPY and after its last chunk: a typed ConnectionError.

const onPostgres = process.env.ORG_TEST_ENGINE === 'postgres';
const N = 100_000;
const CANARY = 'canary-c0b7-copy-secret';
const POOL = 2;

// The database's table is stricter than the drizzle table the repository sees: a NOT NULL and an integer
// column drizzle takes as nullable text, so those values pass validation and the server rejects them.
const createTables = (taken: string) => `
  create table copy_parents (id int primary key);
  create table copy_faults (
    id int primary key,
    code text not null unique,
    parent int references copy_parents (id),
    amount int not null constraint copy_faults_amount_check check (amount >= 0),
    n int not null,
    qty int not null
  );
  insert into copy_parents values (1);
  insert into copy_faults values (0, '${taken}', null, 0, 0, 0);`;
const copyFaults = pgTable('copy_faults', {
  id: integer('id').primaryKey(),
  code: text('code').notNull(),
  parent: integer('parent'),
  amount: integer('amount').notNull(),
  n: integer('n'),
  qty: text('qty'),
});

type Row = { id: number; code: string; parent: number | null; amount: number; n: number | null; qty: string };
const validRow = (i: number): Row => ({ id: i + 1, code: `c${i}`, parent: i % 2 ? 1 : null, amount: i, n: i, qty: String(i % 7) });

/** Each kind of rejection: how the row at `at` is spoiled (with a secret in it: the server's message or detail shows it), and the typed error expected. */
const faults = [
  { kind: 'unique', spoil: (r: Row) => ({ ...r, code: CANARY }), type: UniqueViolationError, constraint: 'copy_faults_code_key' },
  { kind: 'foreign key', spoil: (r: Row) => ({ ...r, parent: 987_654_321 }), type: ForeignKeyViolationError, constraint: 'copy_faults_parent_fkey' },
  { kind: 'check', spoil: (r: Row) => ({ ...r, code: `${CANARY}-row`, amount: -1 }), type: CheckViolationError, constraint: 'copy_faults_amount_check' },
  { kind: 'not null', spoil: (r: Row) => ({ ...r, code: `${CANARY}-row`, n: null }), type: NotNullViolationError, constraint: undefined },
  { kind: 'invalid text for the type', spoil: (r: Row) => ({ ...r, qty: CANARY }), type: ValidationError, constraint: undefined },
] as const;
const positions = [
  ['the first row', 0],
  ['row 50,000', 49_999],
  ['the last row', N - 1],
] as const;

/** Every route by which an error gets shown. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  return [
    e.message,
    e.stack ?? '',
    String(e),
    JSON.stringify(e),
    JSON.stringify(e.toJSON?.() ?? null),
    inspect(e),
    inspect(e, { showHidden: true, depth: Infinity }),
  ];
}

async function withServer<T>(url: string, fn: (db: OrgDb, admin: postgres.Sql) => Promise<T>): Promise<void> {
  const database = createDatabase({ url, pool: { max: POOL, acquireTimeoutMs: 10_000 }, applicationName: 'copy-faults' });
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const uncaught = collectUncaught();
  try {
    await admin.unsafe(createTables(CANARY));
    await fn(database.db, admin);
  } finally {
    uncaught.stop();
    await database.close();
    await admin.end();
  }
  expect(uncaught.errors).toEqual([]);
}

const countRows = async (admin: postgres.Sql) => (await admin`select count(*)::int as n from copy_faults`)[0]!.n as number;
const noAbortedSessions = async (admin: postgres.Sql) =>
  expect(await admin`select state from pg_stat_activity where application_name = 'copy-faults' and state like 'idle in transaction%'`).toEqual([]);

describe.runIf(onPostgres)('COPY faults on PostgreSQL (insertBulk straight into the table)', () => {
  test('each rejection at the first row, row 50,000 and the last: typed, named, no value shown, nothing written, pool whole', async ({ isolatedDatabase }) => {
    await withServer(isolatedDatabase.url!, async (db, admin) => {
      const rows = Array.from({ length: N }, (_, i) => validRow(i));
      for (const fault of faults) {
        for (const [where, at] of positions) {
          const spoiled = rows.slice();
          spoiled[at] = fault.spoil(rows[at]!);
          const label = `${fault.kind} at ${where}`;

          // Outside any transaction.
          const alone = await createRepository(db, copyFaults)
            .insertBulk(spoiled)
            .catch((e: unknown) => e);
          expect(alone, label).toBeInstanceOf(fault.type);
          if (fault.constraint) expect((alone as UniqueViolationError).constraint, label).toBe(fault.constraint);
          if (fault.type === ValidationError) expect((alone as ValidationError).sqlState, label).toBe('22P02');
          if (fault.kind === 'not null') expect((alone as NotNullViolationError).columns, label).toEqual(['n']);
          for (const text of renderings(alone)) {
            expect(text, label).not.toContain(CANARY);
            expect(text, label).not.toContain('987654321');
          }
          expect((alone as DataLayerError).cause, label).toBeUndefined();
          expect(await countRows(admin), label).toBe(1);

          // Inside the caller's transaction: the COPY's savepoint rolls back and the transaction goes on.
          const inside = await transaction(db, async (tx) => {
            await tx.execute(sql`insert into copy_parents values (2)`);
            const error = await createRepository(tx, copyFaults)
              .insertBulk(spoiled)
              .catch((e: unknown) => e);
            await tx.execute(sql`delete from copy_parents where id = 2`);
            return error;
          });
          expect(inside, label).toBeInstanceOf(fault.type);
          for (const text of renderings(inside)) expect(text, label).not.toContain(CANARY);
          expect(await countRows(admin), label).toBe(1);

          await noAbortedSessions(admin);
          await fullPoolServes(db, POOL);
        }
      }
      // And the same pool copies valid rows.
      expect(await createRepository(db, copyFaults).insertBulk(rows)).toBe(N);
      expect(await countRows(admin)).toBe(N + 1);
    });
  }, 600_000);

  test('an invalid row after the COPY began: the ValidationError validating first gives, nothing written', async ({ isolatedDatabase }) => {
    await withServer(isolatedDatabase.url!, async (db, admin) => {
      const rows: unknown[] = Array.from({ length: N }, (_, i) => validRow(i));
      rows[N - 1] = { ...validRow(N - 1), amount: CANARY };
      // A server-side failure early on (row 10 is a duplicate) still reports the invalid row: validation wins, as before SQL.
      const both = rows.slice();
      both[10] = { ...validRow(10), code: CANARY };
      for (const input of [rows, both]) {
        const error = await createRepository(db, copyFaults)
          .insertBulk(input as Row[])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues.map((i) => i.path)).toEqual([[N - 1, 'amount']]);
        for (const text of renderings(error)) expect(text).not.toContain(CANARY);
        expect(await countRows(admin)).toBe(1);
      }
      await noAbortedSessions(admin);
      await fullPoolServes(db, POOL);
    });
  }, 120_000);

  test('backend killed while the COPY streams, and after its last chunk: typed ConnectionError, nothing written, pool whole', async ({ isolatedDatabase }) => {
    await withServer(isolatedDatabase.url!, async (db, admin) => {
      // After the last chunk: a statement trigger that sleeps holds the finished COPY on the server.
      await admin.unsafe(`
        create function copy_faults_slow() returns trigger language plpgsql as $$ begin perform pg_sleep(30); return null; end $$;
        create trigger copy_faults_slow after insert on copy_faults for each statement
          when (pg_trigger_depth() = 0 and current_setting('application_name') = 'copy-faults') execute function copy_faults_slow();`);
      const many = Array.from({ length: 3 * N }, (_, i) => validRow(i));
      const kill = async (condition: string) => {
        for (let i = 0; i < 1_000; i++) {
          const [victim] = await admin.unsafe(
            `select pid from pg_stat_activity where application_name = 'copy-faults' and state = 'active' and query ilike 'copy%' and ${condition}`,
          );
          if (victim) {
            await admin`select pg_terminate_backend(${victim.pid as number})`;
            return true;
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return false;
      };
      for (const [stage, condition] of [
        ['while the COPY streams', `wait_event is distinct from 'PgSleep'`],
        ['after the last chunk', `wait_event = 'PgSleep'`],
      ] as const) {
        const pending = createRepository(db, copyFaults)
          .insertBulk(many)
          .catch((e: unknown) => e);
        expect(await kill(condition), stage).toBe(true);
        expect(await pending, stage).toBeInstanceOf(ConnectionError);
        expect(await countRows(admin), stage).toBe(1);
        await fullPoolServes(db, POOL);
      }
    });
  }, 120_000);
});
