import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { afterAll, expect, test, vi } from 'vitest';
import { bindDatabase, createDatabase, createRepository } from '../src/index.ts';

// What a client that can be bound costs while nothing is bound (production): no AsyncLocalStorage
// lookup of the binding store at all, only a module flag. The binding store is told apart from the
// stores the client consults anyway (the transaction guard's) as the one consulted only once a
// binding exists. Nothing in this file binds before the first measurement: it must run alone in its
// module graph, which vitest's per-file isolation gives it.

const notes = pgTable('cost_notes', { id: serial('id').primaryKey(), body: text('body').notNull() });
const database = createDatabase({ schema: { notes }, pglite: true });
afterAll(() => database.close());

/** The AsyncLocalStorage instances consulted while `work` runs. */
async function storesConsulted(work: () => Promise<unknown>): Promise<Set<object>> {
  const seen = new Set<object>();
  const original = AsyncLocalStorage.prototype.getStore;
  const spy = vi.spyOn(AsyncLocalStorage.prototype, 'getStore').mockImplementation(function (this: AsyncLocalStorage<unknown>) {
    seen.add(this);
    return original.call(this);
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return seen;
}

test('unbound, the client never looks up the binding store; bound, it does (so the lookup is observable)', async () => {
  const { db } = database;
  await db.execute(sql`create table cost_notes (id serial primary key, body text not null)`);
  const repo = createRepository(db, notes);
  const everyPath = async () => {
    await db.select().from(notes);
    await db.query.notes.findFirst();
    await db.$count(notes);
    await repo.findMany({ limit: 1 });
    await db.transaction(async (tx) => tx.select().from(notes));
  };
  const before = await storesConsulted(everyPath);
  // Bound to a transaction of its own client: every path above then runs in that transaction.
  const inside = await storesConsulted(() => db.transaction((tx) => bindDatabase(db, tx, everyPath)));
  const bindingStores = [...inside].filter((store) => !before.has(store));
  expect(bindingStores.length).toBeGreaterThan(0);
  // And after a binding existed once, the flag stays set: unbound code now looks the store up (tests only).
  const after = await storesConsulted(everyPath);
  expect(bindingStores.every((store) => after.has(store))).toBe(true);
});
