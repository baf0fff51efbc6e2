// The demo: migrate, seed the `demo` scenario, run representative queries and print a report.
// Embedded PGlite by default; PostgreSQL when DATABASE_URL is set.
import { migrate, orgMigrationsFolder } from '@org/migrations';
import { createDatabase, createOrgRepositories, getLeadStats, getProjectWithLatestConversation, searchLeads, transaction, type OrgDb } from '@org/queries';
import { users } from '@org/schema';
import { seedScenario } from '@org/testing';
import { eq, sql } from 'drizzle-orm';
import { section, step, table } from './report.ts';

const url = process.env.DATABASE_URL;
const database = createDatabase(url ? { url, applicationName: 'org-demo' } : { pglite: true });
const { db } = database;

try {
  section(`@org demo on ${url ? 'PostgreSQL' : 'embedded PGlite'}`);
  const migrated = await step('migrating', () => migrate(database.client, { folder: orgMigrationsFolder() }));
  console.log(`  ${migrated.applied.length} migration(s) applied, ${migrated.skipped.length} already there`);
  // A persistent database keeps earlier demo data; a new seed keeps this run's unique values unique.
  const seed = url ? Date.now() % 2 ** 31 : 2026;
  const demo = await step('seeding the demo scenario', () => seedScenario(db, 'demo', { seed, leads: 120 }));
  console.log(
    `  ${demo.users.length} users, ${demo.projects.length} projects, ${demo.leads.length} leads, ${demo.partners.length} partners, ${demo.campaigns.length} campaigns`,
  );

  const repos = createOrgRepositories(db);

  section('Keyset pages of leads, largest debt first');
  const first = await repos.leads.paginate({ sort: [['debtAmount', 'desc']], limit: 5 });
  table(first.items.map((l) => ({ name: l.name, state: l.state, debt: l.debtAmount, status: l.status })));
  const second = await repos.leads.paginate({ sort: [['debtAmount', 'desc']], limit: 5, after: first.nextCursor });
  console.log(`  next page starts at ${second.items[0]?.debtAmount} (cursor ${first.nextCursor?.slice(0, 24)}...)`);

  section('Relational read: a project with its latest conversation');
  const project = await getProjectWithLatestConversation(db, demo.projects[0]!.id);
  console.log(`  ${project?.name}: ${project?.conversations.length} conversation shown, ${project?.conversations[0]?.messages.length} messages`);
  table((project?.conversations[0]?.messages ?? []).map((m) => ({ role: m.role, content: m.content })));

  section('Soft delete and restore');
  const lead = demo.leads[0]!;
  const before = await repos.leads.count();
  await repos.leads.softDelete(lead.id);
  const hidden = (await repos.leads.findById(lead.id)) === undefined;
  const during = await repos.leads.count();
  await repos.leads.restore(lead.id);
  const withDeleted = await repos.leads.count({ withDeleted: true });
  table([
    { step: 'before', liveLeads: before, findById: 'found' },
    { step: 'after soft delete', liveLeads: during, findById: hidden ? 'hidden' : 'FOUND' },
    { step: 'after restore', liveLeads: await repos.leads.count(), findById: (await repos.leads.findById(lead.id)) ? 'found' : 'hidden' },
  ]);
  console.log(`  rows including deleted ones: ${withDeleted}`);

  section('A serializable transaction that retries');
  let attempts = 0;
  const retries: string[] = [];
  const ada = demo.users[0]!;
  await transaction(
    db,
    async (tx: OrgDb) => {
      attempts++;
      await tx
        .update(users)
        .set({ name: sql`${users.name}` })
        .where(eq(users.id, ada.id));
      // First attempt: a serialization failure raised by the server (as a concurrent writer would cause).
      if (attempts === 1) await tx.execute(sql`do $$ begin raise exception 'simulated conflict' using errcode = '40001'; end $$`);
    },
    { isolationLevel: 'serializable', onRetry: (r) => retries.push(r.code) },
  );
  console.log(`  committed after ${attempts} attempts; retried on ${retries.join(', ')}`);

  section('Full-text search for "lovelace"');
  const hits = await searchLeads(db, 'lovelace', { limit: 5 });
  table(hits.map((h) => ({ name: h.lead.name, email: h.lead.email, rank: h.rank.toFixed(4) })));

  section('Lead statistics, last 30 days');
  const stats = await getLeadStats(db, new Date(Date.now() - 30 * 86_400_000));
  table([{ leads: stats.totalLeads, avgDebt: stats.avgDebtAmount, qualified: stats.qualifiedCount, states: stats.states }]);

  const health = await database.healthCheck();
  section(`Done: server ${health.serverVersion}, round trip ${health.latencyMs.toFixed(1)} ms`);
} finally {
  await database.close();
}
