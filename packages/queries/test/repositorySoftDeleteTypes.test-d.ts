// Soft-delete methods exist in the types only on repositories of tables with a deletedAt column (issue #12).
import { softDelete } from '@org/schema';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, it } from 'vitest';
import { createOrgRepositories, createRepository, type OrgDb, type Repository } from '../src/index.ts';

declare const db: OrgDb;
const notes = pgTable('notes', { id: uuid('id').primaryKey(), body: text('body').notNull(), ...softDelete() });
const tags = pgTable('tags', { id: uuid('id').primaryKey(), name: text('name').notNull() });

describe('soft-delete methods by table', () => {
  it('offers softDelete, restore and purgeDeleted on a soft-deletable table', () => {
    const repo = createRepository(db, notes);
    expectTypeOf(repo.restore).returns.resolves.toEqualTypeOf<typeof notes.$inferSelect>();
    expectTypeOf(repo.softDelete).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(repo.purgeDeleted).returns.resolves.toEqualTypeOf<number>();
    expectTypeOf(repo.in(db).restore).returns.resolves.toEqualTypeOf<typeof notes.$inferSelect>();
    expectTypeOf(createOrgRepositories(db).projects.restore).toBeFunction();
  });

  it('leaves them out elsewhere; delete and purge stay', () => {
    const repo = createRepository(db, tags);
    expectTypeOf(repo.delete).returns.resolves.toEqualTypeOf<boolean>();
    expectTypeOf(repo.purge).returns.resolves.toEqualTypeOf<boolean>();
    // @ts-expect-error: tags has no deletedAt
    void repo.restore('x');
    // @ts-expect-error: nor softDelete
    void repo.softDelete('x');
    // @ts-expect-error: nor purgeDeleted
    void repo.purgeDeleted(new Date());
    // @ts-expect-error: the @org email_captures table has no deletedAt either
    void createOrgRepositories(db).emailCaptures.restore('x');
  });

  it('keeps the written-out type assignable', () => {
    const repo: Repository<OrgDb, typeof notes> = createRepository(db, notes, { sortable: [] });
    expectTypeOf(repo.restore).toBeFunction();
  });
});
