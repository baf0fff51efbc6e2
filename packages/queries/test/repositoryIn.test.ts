import { leads } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { describe, expect, expectTypeOf } from 'vitest';
import {
  TransactionScopeError,
  ValidationError,
  createDatabase,
  createOrgRepositories,
  createRepository,
  transaction,
  type OrgDatabase,
  type OrgDb,
  type Repository,
} from '../src/index.ts';

// `repo.in(tx)`: the same repository on a transaction, on a createDatabase client of each engine.
// Writes through it commit and roll back with the transaction; the repository on the outer client
// inside that transaction is refused at once (TransactionScopeError), never a deadlock on PGlite.

const engine = process.env.ORG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
const notes = pgTable('repo_in_notes', { id: serial('id').primaryKey(), label: text('label').notNull().unique() });

async function withClient(url: string | undefined, fn: (database: OrgDatabase) => Promise<void>): Promise<void> {
  const database = engine === 'postgres' ? createDatabase({ url: url!, pool: { max: 2 } }) : createDatabase();
  try {
    await database.db.execute(sql`create table if not exists repo_in_notes (id serial primary key, label text not null unique)`);
    await database.db.execute(sql`truncate repo_in_notes`);
    await fn(database);
  } finally {
    await database.close();
  }
}

const labels = async (repo: Repository<OrgDb, typeof notes>) => (await repo.findMany({ orderBy: [['id', 'asc']] })).map((n) => n.label);

describe(`repo.in(tx) (${engine})`, () => {
  test('writes through in(tx) commit with the transaction and roll back with it', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url, async ({ db }) => {
      const repo = createRepository(db, notes);
      await transaction(db, async (tx) => {
        const r = repo.in(tx);
        await r.create({ label: 'committed' });
        await r.createMany([{ label: 'many-1' }, { label: 'many-2' }]);
        // Read back inside the transaction through the bound repository (its own prepared statements).
        expect((await r.findOneBy('label', 'committed'))?.label).toBe('committed');
      });
      expect(await labels(repo)).toEqual(['committed', 'many-1', 'many-2']);

      const failure = new Error('undo');
      const outcome = await transaction(db, async (tx) => {
        const r = repo.in(tx);
        const row = await r.create({ label: 'rolled back' });
        await r.update(row.id, { label: 'rolled back, updated' });
        await r.delete((await r.getById((await repo.in(tx).findOneBy('label', 'committed'))!.id)).id);
        expect(await r.count()).toBe(3);
        throw failure;
      }).catch((e: unknown) => e);
      expect(outcome).toBe(failure);
      expect(await labels(repo)).toEqual(['committed', 'many-1', 'many-2']);
    });
  });

  test('the repository on the outer client inside the transaction: TransactionScopeError, nothing written', async ({ isolatedDatabase }) => {
    await withClient(isolatedDatabase.url, async ({ db }) => {
      const repo = createRepository(db, notes);
      const outcome = await transaction(db, async (tx) => {
        await repo.in(tx).create({ label: 'inside' });
        await repo.create({ label: 'outer client' }); // forgot in(tx)
      }).catch((e: unknown) => e);
      expect(outcome).toBeInstanceOf(TransactionScopeError);
      expect(await labels(repo)).toEqual([]);
      // Outside any transaction the same repository is fine.
      await repo.create({ label: 'after' });
      expect(await labels(repo)).toEqual(['after']);
    });
  });

  test('in(tx) is kept per transaction, in(db) is the repository itself, and anything else is refused', async ({ db }) => {
    const repos = createOrgRepositories(db);
    expect(repos.leads.in(db)).toBe(repos.leads);
    await transaction(db, async (tx) => {
      const bound = repos.leads.in(tx);
      expect(repos.leads.in(tx)).toBe(bound);
      expect(bound.in(tx)).toBe(bound);
      expect(bound.table).toBe(leads);
      expectTypeOf(bound).toEqualTypeOf<Repository<OrgDb, typeof leads>>();
    });
    for (const bad of [null, undefined, 5, 'db', {}, Object.create(null)]) {
      expect(() => repos.leads.in(bad as never)).toThrow(ValidationError);
    }
  });

  test('options are shared: a bound repository validates, limits and sorts as its repository does', async ({ db }) => {
    const repo = createOrgRepositories(db).leads;
    await transaction(db, async (tx) => {
      const r = repo.in(tx);
      await expect(r.findMany({ orderBy: [['email', 'asc']] })).rejects.toThrow(ValidationError); // not sortable
      await expect(r.create({ name: 'x'.repeat(10_000) } as never)).rejects.toThrow(ValidationError);
      await expect(r.paginate({ limit: 101 })).rejects.toThrow(ValidationError); // maxPageSize
    });
  });
});
