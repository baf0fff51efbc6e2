// Type tests pinning what the consumer's own schema infers through the published types (checked by
// tsc under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess; every
// `@ts-expect-error` must still be an error, or tsc fails).
import { createDatabase, createRepository, execute, type Database, type Filter, type KeysetPage } from '@org/queries';
import type { Factories } from '@org/testing';
import { expectTypeOf } from 'vitest';
import { labelsRepo, tasksRepo, teamsRepo } from './repositories.js';
import { shopSchema, tasks, type Label, type Task, type Team } from './schema.js';
import type { makeShopFactories } from './testing.js';
import { db } from './db.js';

// Row types from the column helpers: primaryId is a string, timestamps are Dates, softDelete is nullable.
expectTypeOf<Task['id']>().toEqualTypeOf<string>();
expectTypeOf<Task['createdAt']>().toEqualTypeOf<Date>();
expectTypeOf<Task['deletedAt']>().toEqualTypeOf<Date | null>();
expectTypeOf<Task['notes']>().toEqualTypeOf<string | null>();
expectTypeOf<Label['id']>().toEqualTypeOf<number>();

// The client is typed from the app schema, not @org's.
expectTypeOf<Awaited<ReturnType<typeof db.query.tasks.findFirst>>>().toEqualTypeOf<Task | undefined>();
expectTypeOf<typeof createDatabase<typeof shopSchema>>().returns.toEqualTypeOf<Database<typeof shopSchema>>();
// @ts-expect-error: @org's tables are not in this db
void db.query.leads;

// Reads return the app's rows.
expectTypeOf(tasksRepo.findById).returns.resolves.toEqualTypeOf<Task | undefined>();
expectTypeOf(tasksRepo.getById).returns.resolves.toEqualTypeOf<Task>();
expectTypeOf(teamsRepo.paginate).returns.resolves.toEqualTypeOf<KeysetPage<Team>>();

// The id of findById is the primary key's type.
expectTypeOf(tasksRepo.findById).parameter(0).toEqualTypeOf<string>();
expectTypeOf(labelsRepo.findById).parameter(0).toEqualTypeOf<number>();
// @ts-expect-error: a Date is no task id
void tasksRepo.findById(new Date());
// @ts-expect-error: a serial key is a number; a string would never match a row
void labelsRepo.findById('1');

// Relational reads: the config is checked against the app's relations, the result typed from it.
async function relational() {
  const task = (await tasksRepo.findByIdWith('id', { with: { team: true, labels: { columns: { name: true } } } }))!;
  expectTypeOf(task.team).toEqualTypeOf<Team>(); // teams is not soft-deletable: never null
  expectTypeOf(task.labels).toEqualTypeOf<{ name: string }[]>(); // `columns` narrows the related rows
  const { team: _team, labels: _labels, ...own } = task;
  expectTypeOf(own).toEqualTypeOf<Task>();
  // A one relation to a soft-deletable table is null when the related row is soft-deleted.
  const label = (await labelsRepo.findFirstWith({ with: { task: true } }))!;
  expectTypeOf(label.task).toEqualTypeOf<Task | null>();
  const teamsWith = await teamsRepo.findManyWith({ with: { tasks: { with: { labels: true } } } });
  expectTypeOf(teamsWith[0]!.tasks[0]!.labels).toEqualTypeOf<Label[]>();
  expectTypeOf(teamsWith[0]!.tasks[0]!.deletedAt).toEqualTypeOf<Date | null>();
  // @ts-expect-error: no such relation
  await tasksRepo.findManyWith({ with: { nonsense: true } });
  // @ts-expect-error: a relation of another table
  await tasksRepo.findManyWith({ with: { tasks: true } });
  // @ts-expect-error: not a column of labels
  await tasksRepo.findByIdWith('id', { with: { labels: { columns: { title: true } } } });
}
void relational;

// Filters: operators follow the column type; values follow the column.
const ok: Filter<typeof tasks> = {
  id: { in: ['a', 'b'] },
  priority: { gte: 1, notIn: [3] },
  title: { ilike: 'ship%' },
  notes: null,
  dueAt: { lt: new Date() },
  or: [{ priority: 1 }, { deletedAt: { isNull: false } }],
};
void ok;
// @ts-expect-error: like is text-only, priority is an integer
void tasksRepo.count({ where: { priority: { like: '1%' } } });
// @ts-expect-error: the in list holds the column's values
void tasksRepo.count({ where: { priority: { in: ['1'] } } });
// @ts-expect-error: no such column
void tasksRepo.count({ where: { owner: 'me' } });
// @ts-expect-error: a Date is not a title
void tasksRepo.findMany({ where: { title: new Date() } });

// Sorting: only the repository's sortable columns (and the key) are offered.
void tasksRepo.paginate({
  sort: [
    ['priority', 'desc'],
    ['createdAt', 'asc'],
  ],
});
// @ts-expect-error: notes is not in the repository's sortable list (nor the key)
void (() => tasksRepo.paginate({ sort: [['notes', 'asc']] }));
// @ts-expect-error: teams sorts by slug and createdAt only
void (() => teamsRepo.findMany({ orderBy: [['name', 'asc']] }));
// @ts-expect-error: labels made nothing sortable: the key only
void (() => labelsRepo.page({ orderBy: [['name', 'asc']] }));
void (() => labelsRepo.page({ orderBy: [['id', 'desc']] }));
// @ts-expect-error: a direction is asc or desc
void tasksRepo.findMany({ orderBy: [['priority', 'down']] });

// Writes: the insert type of the app's table; generated columns are optional.
void tasksRepo.create({ teamId: 't', title: 'x' });
// @ts-expect-error: title is required
void tasksRepo.create({ teamId: 't' });
// @ts-expect-error: priority is a number
void tasksRepo.update('id', { priority: 'high' });
void teamsRepo.upsert({ slug: 's', name: 'n' }, { target: 'slug', set: ['name'] });
// @ts-expect-error: the conflict target is a column of this table
void teamsRepo.upsert({ slug: 's', name: 'n' }, { target: 'email' });

// Soft-delete methods only on the soft-deletable table; delete and purge everywhere.
void (() => tasksRepo.restore('id'));
void (() => tasksRepo.purgeDeleted(new Date()));
void (() => teamsRepo.delete('id'));
// @ts-expect-error: teams has no deletedAt
void (() => teamsRepo.restore('id'));
// @ts-expect-error: nor labels
void (() => labelsRepo.softDelete(1));

// Typed raw SQL: rows are the given type, an array on both engines.
async function raw() {
  const rows = await execute<{ n: string }>(db, tasks.id.getSQL());
  expectTypeOf(rows).toEqualTypeOf<{ n: string }[]>();
}
void raw;

// Factories for the app's tables, typed from them.
type ShopFactories = ReturnType<typeof makeShopFactories>;
expectTypeOf<ShopFactories['tasks']['create']>().returns.resolves.toEqualTypeOf<Task>();
expectTypeOf<ShopFactories>().toMatchTypeOf<Factories<{ teams: typeof shopSchema.teams; tasks: typeof tasks; labels: typeof shopSchema.labels }, never>>();
declare const f: ShopFactories;
void f.tasks.create({}, { traits: ['urgent', 'deleted'] });
// @ts-expect-error: no such trait
void f.tasks.create({}, { traits: ['archived'] });
// @ts-expect-error: overrides are the table's insert values
void f.teams.build({ slug: 1 });

// A repository over another db of the same schema, or a transaction, keeps the types.
void createRepository(createDatabase({ schema: shopSchema, pglite: true }).db, tasks).findById('id');
// Configuration: the README's own forms compile under exactOptionalPropertyTypes.
void (() =>
  createDatabase({
    schema: shopSchema,
    url: process.env.DATABASE_URL,
    pool: { max: 5, acquireTimeoutMs: 1_000 },
    replicas: process.env.REPLICA_URL ? [process.env.REPLICA_URL] : [],
  }));
// Not refused by the types (finding): url and pglite together compile; it is a ConfigurationError at run time.
void (() => createDatabase({ schema: shopSchema, url: 'postgres://x', pglite: true }));
