// The id a repository's key methods take is the primary key's type, not any column's (issue #12).
import { pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, it } from 'vitest';
import { createRepository, type OrgDb } from '../src/index.ts';

declare const db: OrgDb;
const docs = pgTable('docs', { id: uuid('id').primaryKey(), title: text('title').notNull(), at: timestamp('at').notNull() });
const tags = pgTable('tags', { id: serial('id').primaryKey(), name: text('name').notNull() });
const links = pgTable('links', { a: uuid('a').notNull(), b: uuid('b').notNull() }, (t) => [primaryKey({ columns: [t.a, t.b] })]);

describe('repository id types', () => {
  it('types findById, getById, update, delete and soft-delete ids as the key column', () => {
    const docsRepo = createRepository(db, docs);
    const tagsRepo = createRepository(db, tags);
    expectTypeOf(docsRepo.findById).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(tagsRepo.findById).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(tagsRepo.getById).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(tagsRepo.update).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(tagsRepo.delete).parameter(0).toEqualTypeOf<number>();
  });

  it('refuses values of other columns and strings for an integer key', () => {
    const docsRepo = createRepository(db, docs);
    const tagsRepo = createRepository(db, tags);
    // @ts-expect-error: a Date is a value of another column, never a key
    void docsRepo.findById(new Date());
    // @ts-expect-error: a serial key is a number; '1' never equals it (findById would return undefined)
    void tagsRepo.findById('1');
  });

  it('keeps any column value for a table without a single-column key', () => {
    expectTypeOf(createRepository(db, links).findById).parameter(0).toEqualTypeOf<string>();
  });
});
