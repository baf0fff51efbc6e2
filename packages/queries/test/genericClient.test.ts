import { orgTest as test } from '@org/testing/vitest';
import { relations, sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expect } from 'vitest';
import { ConfigurationError, createDatabase, createRepository, transaction } from '../src/index.ts';

// Any drizzle app, not only @org: the client is typed and queried with the consumer's own schema, and
// a configuration that cannot work is refused before anything connects.

const authors = pgTable('gc_authors', { id: uuid('id').primaryKey().defaultRandom(), name: text('name').notNull() });
const notes = pgTable('gc_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: uuid('author_id')
    .notNull()
    .references(() => authors.id),
  body: text('body').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
const authorsRelations = relations(authors, ({ many }) => ({ notes: many(notes) }));
const notesRelations = relations(notes, ({ one }) => ({ author: one(authors, { fields: [notes.authorId], references: [authors.id] }) }));
const schema = { authors, notes, authorsRelations, notesRelations };

describe('createDatabase configuration', () => {
  test('an empty or missing URL where a server is asked for is a ConfigurationError, naming no secret', () => {
    const env: Record<string, string | undefined> = {};
    for (const options of [
      { url: env.DATABASE_URL },
      { url: '' },
      { url: '   ' },
      { url: 'mysql://root:hunter2@db/app' },
      { url: 'postgres://u:hunter2@h/d', pglite: true as const },
    ]) {
      let caught: unknown;
      try {
        createDatabase(options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigurationError);
      expect(JSON.stringify((caught as ConfigurationError).toJSON()) + (caught as Error).message).not.toMatch(/hunter2/);
    }
  });
});

describe("a consumer's own schema", () => {
  test('db.query, repositories and relational reads follow the given schema', async ({ isolatedDatabase }) => {
    const url = process.env.ORG_TEST_ENGINE === 'postgres' ? isolatedDatabase.url : undefined;
    const database = url ? createDatabase({ schema, url, pool: { max: 2 } }) : createDatabase({ schema, pglite: true });
    try {
      await database.db.execute(sql`create table gc_authors (id uuid primary key default gen_random_uuid(), name text not null)`);
      await database.db.execute(
        sql`create table gc_notes (id uuid primary key default gen_random_uuid(), author_id uuid not null references gc_authors(id), body text not null, deleted_at timestamptz)`,
      );
      const authorsRepo = createRepository(database.db, authors);
      const notesRepo = createRepository(database.db, notes);
      const ada = await authorsRepo.create({ name: 'Ada' });
      await transaction(database.db, async (tx) => {
        await createRepository(tx, notes).createMany([
          { authorId: ada.id, body: 'kept' },
          { authorId: ada.id, body: 'gone' },
        ]);
      });
      const gone = await notesRepo.findOne({ where: { body: 'gone' } });
      await notesRepo.softDelete(gone!.id);
      const withNotes = await authorsRepo.findFirstWith({ with: { notes: true } });
      expect(withNotes?.notes.map((n) => n.body)).toEqual(['kept']);
      const viaQuery = await database.db.query.notes.findFirst({ with: { author: true } });
      expect(viaQuery?.author.name).toBe('Ada');
      if (url) {
        const stats = database.poolStats();
        expect(stats).toMatchObject({ max: 2, waiting: 0 });
      } else {
        expect(database.poolStats()).toBeUndefined();
      }
    } finally {
      await database.close();
    }
  });
});
