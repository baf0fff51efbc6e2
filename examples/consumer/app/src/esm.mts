// An ESM consumer: migrates an embedded database, uses a repository and a domain query, and runs a
// test-style rolled-back transaction with factories — through the published entry points only.
import { migrate, migrationStatus } from '@org/migrations';
import {
  ConfigurationError,
  createDatabase,
  createOrgRepositories,
  createRepository,
  getLeadStats,
  transaction,
  UniqueViolationError,
  isDataLayerError,
  type OrgDb,
} from '@org/queries';
import { relations, sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { leadSchemas, users, type Lead } from '@org/schema';
import { holdTransaction, openTestDatabase, orgFactories } from '@org/testing';
import { orgMigrationsFolder } from '@org/migrations';
import { schema } from '@org/schema';

const database = createDatabase();
const result = await migrate(database.client, { folder: orgMigrationsFolder() });
const repos = createOrgRepositories(database.db);
const lead: Lead = await repos.leads.create({ name: 'Ada', email: 'ada@example.test', phone: '5555551234', state: 'CA', debtAmount: '25000.00' });
const stats = await getLeadStats(database.db, new Date(0));
await repos.users.create({ email: 'dup@example.test' });
const duplicate = await repos.users.create({ email: 'dup@example.test' }).catch((e: unknown) => e);
const status = await migrationStatus(database.client, { folder: orgMigrationsFolder() });
await database.close();

// The consumer's own schema, as the README shows it: typed client, repositories, `in(tx)`, relational reads.
const authors = pgTable('c_authors', { id: uuid('id').primaryKey().defaultRandom(), name: text('name').notNull() });
const notes = pgTable('c_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: uuid('author_id')
    .notNull()
    .references(() => authors.id),
  body: text('body').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
const authorsRelations = relations(authors, ({ many }) => ({ notes: many(notes) }));
const notesRelations = relations(notes, ({ one }) => ({ author: one(authors, { fields: [notes.authorId], references: [authors.id] }) }));
const own = createDatabase({ schema: { authors, notes, authorsRelations, notesRelations }, pglite: true });
await own.db.execute(sql`create table c_authors (id uuid primary key default gen_random_uuid(), name text not null)`);
await own.db.execute(
  sql`create table c_notes (id uuid primary key default gen_random_uuid(), author_id uuid not null references c_authors(id), body text not null, deleted_at timestamptz)`,
);
const authorRepo = createRepository(own.db, authors);
const notesRepo = createRepository(own.db, notes);
const ada = await authorRepo.create({ name: 'Ada' });
await transaction(own.db, async (tx) => {
  await notesRepo.in(tx).create({ authorId: ada.id, body: 'hello' });
});
const withNotes = await authorRepo.findFirstWith({ with: { notes: true } });
const ownNotes: string[] = withNotes?.notes.map((n) => n.body) ?? [];
await own.close();
let configError = false;
try {
  createDatabase({ url: process.env.ORG_CONSUMER_UNSET_URL });
} catch (error) {
  configError = error instanceof ConfigurationError;
}

const test = await openTestDatabase({ schema, migrationsFolder: orgMigrationsFolder(), engine: 'pglite' });
let insideCount = -1;
await holdTransaction(test.db, async (db) => {
  await orgFactories(db, { seed: 1 }).projects.createList(3);
  insideCount = await db.$count(users);
});
const afterCount = await test.db.$count(users);
await test.close();

console.log(
  JSON.stringify({
    applied: result.applied.length,
    upToDate: status.upToDate,
    leadState: lead.state,
    totalLeads: stats.totalLeads,
    uniqueError: isDataLayerError(duplicate, UniqueViolationError) ? duplicate.constraint : null,
    zodRejects: !leadSchemas.insert.safeParse({ state: 'CAL' }).success,
    insideCount,
    afterCount,
    dbIsTyped: typeof (null as unknown as OrgDb) === 'object',
    ownNotes,
    configError,
  }),
);
