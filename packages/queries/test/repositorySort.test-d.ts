// `sortable` reaches the types: a repository's orderBy/sort accept its sortable columns and the key (issue #12).
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, it } from 'vitest';
import { createRepository, type OrgDb, type Repository } from '../src/index.ts';

declare const db: OrgDb;
const items = pgTable('items', {
  id: uuid('id').primaryKey(),
  rank: integer('rank').notNull(),
  at: timestamp('at').notNull(),
  note: text('note'),
});

describe('sortable in the types', () => {
  it('offers the sortable columns and the primary key', () => {
    const repo = createRepository(db, items, { sortable: ['rank', 'at'] });
    void repo.paginate({
      sort: [
        ['rank', 'desc'],
        ['at', 'asc'],
        ['id', 'asc'],
      ],
    });
    void repo.findMany({ orderBy: [['at', 'desc']] });
    void repo.page({ orderBy: [['rank', 'asc']] });
    void repo.findOne({ orderBy: [['id', 'desc']] });
    void repo.in(db).paginate({ sort: [['rank', 'asc']] });
    // @ts-expect-error: note is not sortable (a ValidationError at run time)
    void repo.paginate({ sort: [['note', 'asc']] });
    // @ts-expect-error: nor in findMany
    void repo.findMany({ orderBy: [['note', 'asc']] });
    // @ts-expect-error: nor after in()
    void repo.in(db).page({ orderBy: [['note', 'asc']] });
  });

  it('offers only the key without sortable', () => {
    const repo = createRepository(db, items);
    void repo.paginate({ sort: [['id', 'desc']] });
    // @ts-expect-error: rank was not made sortable
    void repo.paginate({ sort: [['rank', 'desc']] });
  });

  it('stays assignable to the written-out Repository type', () => {
    const repo: Repository<OrgDb, typeof items> = createRepository(db, items, { sortable: ['rank'] });
    expectTypeOf(repo.table).toEqualTypeOf(items);
  });

  it('refuses a sortable name that is not a column', () => {
    // @ts-expect-error: not a column of items
    createRepository(db, items, { sortable: ['rank', 'nope'] });
  });
});
