import { users } from '@org/schema';
import { migrate, orgMigrationsFolder } from '@org/migrations';
import { describe, expect, it } from 'vitest';
import { createDatabase, createQueryLogger, getDatabase, getMigrationStatus, type QueryLogEntry } from '../src/index.ts';

describe('createDatabase on embedded PGlite', () => {
  it('opens PGlite without a URL, migrates, answers health checks, logs with redacted parameters', async () => {
    const entries: QueryLogEntry[] = [];
    const database = createDatabase({ logger: createQueryLogger({ sink: (e) => entries.push(e) }) });
    try {
      expect(database.driver).toBe('pglite');
      await migrate(database.client, { folder: orgMigrationsFolder() });
      expect((await getMigrationStatus(database)).upToDate).toBe(true);
      const health = await database.healthCheck();
      expect(health.ok).toBe(true);
      expect(health.serverVersion).toMatch(/^\d+/);

      const canary = 'canary-secret-4d1e@example.test';
      await database.db.insert(users).values({ email: canary });
      const insert = entries.find((e) => e.sql.startsWith('insert into "users"'));
      expect(insert?.params).toContain('[redacted]');
      expect(JSON.stringify(entries)).not.toContain(canary);
    } finally {
      await database.close();
      await database.close(); // twice (a shutdown hook and a test's afterAll): no throw
    }
  }, 60_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('createDatabase on PostgreSQL', () => {
  it('connects with a pool, reports the server version, and reports an unreachable server without throwing', async () => {
    const database = createDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 2 }, applicationName: 'org-test' });
    try {
      const health = await database.healthCheck();
      expect(health).toMatchObject({ ok: true });
      expect(health.serverVersion).toMatch(/^1[5-9]/);
    } finally {
      await database.close();
    }
    const down = createDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', pool: { connectTimeoutSeconds: 2 } });
    const health = await down.healthCheck();
    expect(health.ok).toBe(false);
    expect(['CONNECTION', 'TIMEOUT']).toContain(health.error);
    expect(health.reason).toMatch(/refused/);
    await down.close();
  });

  it('says why a health check failed — missing database, unknown role — without the URL or its secrets', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const cases = [
      { path: '/org_no_such_database_9f2', user: url.username || 'postgres', reason: /database does not exist/ },
      { path: url.pathname, user: 'org_no_such_role_9f2', reason: /authori[sz]ation failed/ },
    ];
    for (const c of cases) {
      const target = new URL(url);
      target.pathname = c.path;
      target.username = c.user;
      target.password = 'hunter2-secret';
      const database = createDatabase({ url: target.toString(), pool: { connectTimeoutSeconds: 5 } });
      const health = await database.healthCheck();
      expect(health.ok).toBe(false);
      expect(health.reason).toMatch(c.reason);
      expect(JSON.stringify(health)).not.toMatch(/hunter2|org_no_such/);
      await database.close();
      await database.close(); // a second close waits for the same close, never throws
    }
  });

  it('getDatabase keeps one client per process and options', async () => {
    const a = getDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 1 } });
    const b = getDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 1 } });
    expect(a).toBe(b);
    await a.close();
    const c = getDatabase({ url: process.env.TEST_DATABASE_URL!, pool: { max: 1 } });
    expect(c).not.toBe(a);
    expect((await c.healthCheck()).ok).toBe(true);
    await c.close();
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('read replicas (PostgreSQL)', () => {
  it('routes reads to the replica and writes and transactions to the primary', async () => {
    const { openTestDatabase } = await import('@org/testing');
    const { orgMigrationsFolder } = await import('@org/migrations');
    const { schema } = await import('@org/schema');
    const { transaction } = await import('../src/index.ts');
    // Two separate databases stand in for primary and replica, so where each statement went is visible.
    const primary = await openTestDatabase({ schema, migrationsFolder: orgMigrationsFolder(), engine: 'postgres' });
    const replica = await openTestDatabase({ schema, migrationsFolder: orgMigrationsFolder(), engine: 'postgres' });
    await primary.db.insert(users).values({ email: 'on-primary@example.test' });
    await replica.db.insert(users).values({ email: 'on-replica@example.test' });
    const database = createDatabase({ url: primary.url!, replicas: [replica.url!], pool: { max: 2 } });
    try {
      const emails = async (rows: { email: string }[]) => rows.map((r) => r.email).sort();
      expect(await emails(await database.db.select().from(users))).toEqual(['on-replica@example.test']);
      expect(await emails(await database.db.query.users.findMany())).toEqual(['on-replica@example.test']);
      await database.db.insert(users).values({ email: 'written@example.test' });
      expect(await emails(await database.primary.select().from(users))).toEqual(['on-primary@example.test', 'written@example.test']);
      // Inside a transaction, reads see the primary, including the transaction's own writes.
      const inside = await transaction(database.db, async (tx) => {
        await tx.insert(users).values({ email: 'in-tx@example.test' });
        return emails(await tx.select().from(users));
      });
      expect(inside).toEqual(['in-tx@example.test', 'on-primary@example.test', 'written@example.test']);
    } finally {
      await database.close();
      await primary.close();
      await replica.close();
    }
  });
});
