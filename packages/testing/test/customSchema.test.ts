// The generic fixture API applied to a consumer's own drizzle table and migrations folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import { defineFactories } from '../src/index.ts';
import { createDatabaseTest } from '../src/vitest.ts';

const notes = pgTable('notes', { id: uuid('id').primaryKey().defaultRandom(), body: text('body').notNull() });
const migrationsFolder = mkdtempSync(join(tmpdir(), 'consumer-migrations-'));
writeFileSync(join(migrationsFolder, '0000_notes.sql'), 'create table notes (id uuid primary key default gen_random_uuid(), body text not null);');

const makeFactories = defineFactories({ notes }, { notes: { defaults: ({ sequence }) => ({ body: `note ${sequence}` }) } });
const test = createDatabaseTest({ schema: { notes }, migrationsFolder }).extend<{ factories: ReturnType<typeof makeFactories> }>({
  factories: async ({ db }, use) => use(makeFactories(db)),
});

test('a consumer schema gets a migrated database and typed factories', async ({ db, factories }) => {
  const note = await factories.notes.create();
  expect(note.body).toBe('note 1');
  expect((await db.select({ n: count() }).from(notes))[0]?.n).toBe(1);
});

test('and a clean one for the next test', async ({ db }) => {
  expect((await db.select({ n: count() }).from(notes))[0]?.n).toBe(0);
});
