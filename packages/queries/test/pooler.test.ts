import { users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import postgres from 'postgres';
import { describe, expect } from 'vitest';
import { createOrgRepositories, transaction, type OrgDb } from '../src/index.ts';

// Only in the "(pgbouncer)" project: proves the suite's traffic really goes through the pooler.
describe.runIf(process.env.TEST_POOLER_URL)('behind PgBouncer in transaction mode', () => {
  test('test databases are reached through the pooler, prepared paths included', async ({ isolatedDatabase }) => {
    expect(new URL(isolatedDatabase.url!).port).toBe(new URL(process.env.TEST_POOLER_URL!).port);
    const db = isolatedDatabase.db as unknown as OrgDb;
    const repos = createOrgRepositories(db);
    const created = await transaction(db, (tx) => createOrgRepositories(tx).users.create({ email: 'pooled@example.test' }));
    // Repeated prepared reads may land on different server connections: unnamed statements keep working.
    for (let i = 0; i < 20; i++) expect((await repos.users.findById(created.id))?.email).toBe('pooled@example.test');

    const admin = postgres({ ...parse(process.env.TEST_POOLER_URL!), database: 'pgbouncer', fetch_types: false, max: 1, onnotice: () => {} });
    const pools = await admin.unsafe('show pools').simple();
    await admin.end();
    const database = new URL(isolatedDatabase.url!).pathname.slice(1);
    expect(pools.some((p) => p.database === database)).toBe(true);
    void users;
  });
});

function parse(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port), user: u.username };
}
