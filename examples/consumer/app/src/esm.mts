// An ESM consumer: migrates an embedded database, uses a repository and a domain query, and runs a
// test-style rolled-back transaction with factories — through the published entry points only.
import { migrate, migrationStatus } from '@org/migrations';
import { createDatabase, createOrgRepositories, getLeadStats, UniqueViolationError, isDataLayerError, type OrgDb } from '@org/queries';
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
  }),
);
