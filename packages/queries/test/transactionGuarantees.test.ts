import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import {
  TransactionAbortedError,
  TransactionScopeError,
  ValidationError,
  createDatabase,
  execute,
  transaction,
  type OrgDatabase,
  type OrgDb,
} from '../src/index.ts';

// What a transaction promises, on a client from createDatabase, on both engines: the callback's own
// errors reach the caller unchanged and always roll back (savepoints included); a caught failed
// statement never reports a commit that did not happen; options never reach SQL unchecked; the outer
// client inside a transaction is refused at once (PGlite would wait for itself forever).

const engine = process.env.ORG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

async function withClient(url: string | undefined, fn: (database: OrgDatabase) => Promise<void>): Promise<void> {
  const database = engine === 'postgres' ? createDatabase({ url: url!, pool: { max: 2 } }) : createDatabase();
  try {
    await database.db.execute(sql`create table if not exists tx_rows (id serial primary key, label text not null unique)`);
    await database.db.execute(sql`truncate tx_rows`);
    await fn(database);
  } finally {
    await database.close();
  }
}

const labels = async (db: OrgDb) => (await execute<{ label: string }>(db, sql`select label from tx_rows order by label`)).map((r) => r.label);
const insert = (db: OrgDb, label: string) => db.execute(sql`insert into tx_rows (label) values (${label})`);

describe(`transaction guarantees (${engine})`, () => {
  test('a caught failed statement: TransactionAbortedError, never a silent "commit" that rolled back', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url, async ({ db }) => {
      const outcome = await transaction(db, async (tx) => {
        await insert(tx, 'a');
        await insert(tx, 'a').catch(() => 'duplicate ignored'); // the transaction is aborted from here on
        return 'returned';
      }).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(TransactionAbortedError);
      expect(await labels(db)).toEqual([]);
      // Recovering inside needs a savepoint: then the outer transaction commits.
      await transaction(db, async (tx) => {
        await insert(tx, 'b');
        await transaction(tx, (sp) => insert(sp, 'b')).catch(() => 'duplicate rolled back to the savepoint');
      });
      expect(await labels(db)).toEqual(['b']);
    });
  });

  test('application errors — errno codes included — pass through as thrown and roll back, savepoints too', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url, async ({ db }) => {
      for (const code of ['ETIMEDOUT', 'ECONNREFUSED', 'CONNECTION_CLOSED', '57P01', '23505']) {
        const appError = Object.assign(new Error('upstream failed'), { code, errno: code });
        expect(
          await transaction(db, async (tx) => {
            await insert(tx, `top-${code}`);
            throw appError;
          }).catch((e: unknown) => e),
        ).toBe(appError);
        await transaction(db, async (tx) => {
          await insert(tx, `kept-${code}`);
          expect(
            await transaction(tx, async (sp) => {
              await insert(sp, `nested-${code}`);
              throw appError;
            }).catch((e: unknown) => e),
          ).toBe(appError);
        });
      }
      expect((await labels(db)).every((l) => l.startsWith('kept-'))).toBe(true);
      expect(await labels(db)).toHaveLength(5);
    });
  });

  test('options that reach SQL text are checked first: an injected isolation level never runs', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url, async ({ db }) => {
      for (const options of [
        { isolationLevel: 'serializable; create table injected (i int); --' },
        { accessMode: 'read write; drop table tx_rows; --' },
        { isolationLevel: 'SERIALIZABLE' },
        { retry: { maxAttempts: Number.POSITIVE_INFINITY } },
      ]) {
        const outcome = await transaction(db, async () => 'ran', options as never).catch((e: unknown) => e);
        expect(outcome).toBeInstanceOf(ValidationError);
      }
      expect(await execute(db, sql`select to_regclass('injected') as t`)).toEqual([{ t: null }]);
      expect(await transaction(db, async () => 'ran', { isolationLevel: 'serializable', accessMode: 'read only' })).toBe('ran');
    });
  });

  test('the outer client inside its own transaction is refused at once, on PGlite as on PostgreSQL', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url, async ({ db }) => {
      const outcome = await transaction(db, async (tx) => {
        await insert(tx, 'inside');
        await db.execute(sql`select 1`);
      }).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(TransactionScopeError);
      expect(await labels(db)).toEqual([]);
      // Outside any transaction the same call is fine.
      expect(await execute(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    });
  });

  test('random nestings of transactions with throws leave exactly what a simple model predicts', async ({ isolatedDatabase }) => {
    // A plan is a tree: each block inserts its label, runs its children, then throws or not. A block
    // whose error is caught by its parent leaves nothing; the top level's error leaves nothing at all.
    type Block = { label: string; fails: boolean; children: Block[] };
    const block: fc.Memo<Block> = fc.memo((depth) =>
      fc.record({
        label: fc.uuid(),
        fails: fc.boolean(),
        children: depth > 1 ? fc.array(block(depth - 1), { maxLength: 3 }) : fc.constant([]),
      }),
    );
    const kept = (b: Block): string[] => (b.fails ? [] : [b.label, ...b.children.flatMap(kept)]);
    const run = async (db: OrgDb, b: Block): Promise<void> =>
      transaction(db, async (tx) => {
        await insert(tx, b.label);
        for (const child of b.children)
          await run(tx, child).catch((e: unknown) => {
            if (!(e instanceof Error && e.message === 'planned')) throw e;
          });
        if (b.fails) throw new Error('planned');
      });
    await withClient(isolatedDatabase.url, async ({ db }) => {
      await fc.assert(
        fc.asyncProperty(block(4), async (plan) => {
          await db.execute(sql`truncate tx_rows`);
          await run(db, plan).catch((e: unknown) => {
            if (!(e instanceof Error && e.message === 'planned')) throw e;
          });
          expect(await labels(db)).toEqual(kept(plan).sort());
        }),
        { numRuns: 40, seed: 42 },
      );
    });
  });
});
