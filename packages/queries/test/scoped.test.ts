import { projects } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect } from 'vitest';
import { PermissionDeniedError, ValidationError, rowsOf, transaction, withUserScope, type OrgDb } from '../src/index.ts';

test('withUserScope sets the user for the transaction only', async ({ db, factories }) => {
  const user = await factories.users.create();
  const inside = await withUserScope(db, user.id, async (tx) =>
    rowsOf<{ id: string }>(await tx.execute(sql`select current_setting('org.user_id', true) as id`))[0]!.id,
  );
  expect(inside).toBe(user.id);
  await expect(withUserScope(db, "x' or 1=1", async () => 1)).rejects.toBeInstanceOf(ValidationError);
});

// Row-level security applies to roles that do not own the tables; PGlite runs as a superuser only.
describe.runIf(process.env.ORG_TEST_ENGINE === 'postgres')('row-level security (PostgreSQL, non-superuser role)', () => {
  const role = 'org_rls_app';

  async function appClient(url: string) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`do $$ begin if not exists (select from pg_roles where rolname = '${role}') then create role ${role} login nosuperuser; end if; end $$`);
    await admin.unsafe(`grant usage on schema public to ${role}; grant select, insert, update, delete on all tables in schema public to ${role}`);
    await admin.end();
    const u = new URL(url);
    u.username = role;
    return u.toString();
  }

  test('a scoped client never reads or writes another user\'s rows, even through raw SQL', async ({ isolatedDatabase }) => {
    const db = isolatedDatabase.db as unknown as OrgDb;
    const { orgFactories } = await import('@org/testing');
    const f = orgFactories(db);
    const [alice, bob] = await f.users.createList(2);
    await f.projects.createList(2, { userId: alice!.id });
    await f.projects.create({ userId: bob!.id });

    const { createDatabase } = await import('../src/index.ts');
    // Behind a pooler in transaction mode, the app client runs without named prepared statements.
    const app = createDatabase({ url: await appClient(isolatedDatabase.url!), pool: { max: 1 }, prepare: !process.env.TEST_POOLER_URL });
    try {
      const aliceSees = await withUserScope(app.db, alice!.id, async (tx) => rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from projects`)));
      expect(aliceSees.map((r) => r.user_id)).toEqual([alice!.id, alice!.id]);

      // The same pooled connection, next request, another user: nothing of Alice's scope remains.
      const bobSees = await withUserScope(app.db, bob!.id, (tx) => tx.select().from(projects));
      expect(bobSees.map((p) => p.userId)).toEqual([bob!.id]);

      const forged = await withUserScope(app.db, bob!.id, (tx) => tx.insert(projects).values({ name: 'forged', userId: alice!.id })).catch((e: unknown) => e);
      expect(forged).toBeInstanceOf(PermissionDeniedError);
      const stolen = await withUserScope(app.db, bob!.id, (tx) => tx.update(projects).set({ name: 'stolen' }).where(sql`true`).returning());
      expect(stolen.map((p) => p.userId)).toEqual([bob!.id]);

      // Forgetting the scope denies rather than allows.
      const unscoped = await transaction(app.db, (tx) => tx.select().from(projects));
      expect(unscoped).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
