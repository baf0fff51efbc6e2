// withUserScope on both engines, read through org_current_user_id() (the function every policy uses).
// What the policies then allow a non-owner role is proven on PostgreSQL in rls.test.ts.
import { orgTest as test } from '@org/testing/vitest';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { ValidationError, readUserScopeKey, rowsOf, transaction, withUserScope, type OrgDb } from '../src/index.ts';

async function currentUser(db: OrgDb): Promise<string | null> {
  return rowsOf<{ id: string | null }>(await db.execute(sql`select org_current_user_id()::text as id`))[0]!.id;
}

test('withUserScope sets the user for its transaction only', async ({ db, factories }) => {
  const key = await readUserScopeKey(db);
  const user = await factories.users.create();
  expect(await withUserScope(db, user.id, currentUser, { key })).toBe(user.id);
  expect(await withUserScope(db, user.id.toUpperCase(), currentUser, { key })).toBe(user.id);
  expect(await transaction(db, currentUser)).toBeNull();
});

test('withUserScope refuses a bad user id or key before SQL', async ({ db }) => {
  const key = await readUserScopeKey(db);
  let ran = false;
  const fn = async () => (ran = true);
  await expect(withUserScope(db, "x' or 1=1", fn, { key })).rejects.toBeInstanceOf(ValidationError);
  for (const bad of ['', 'zz'.repeat(32), key.slice(2), undefined]) {
    await expect(withUserScope(db, crypto.randomUUID(), fn, { key: bad as string })).rejects.toBeInstanceOf(ValidationError);
  }
  await expect(withUserScope(db, crypto.randomUUID(), fn, undefined as never)).rejects.toBeInstanceOf(ValidationError);
  expect(ran).toBe(false);
});

test('a nested withUserScope restores the outer user when it returns or throws', async ({ db }) => {
  const key = await readUserScopeKey(db);
  const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
  const seen = await withUserScope(
    db,
    alice,
    async (tx) => {
      const inner = await withUserScope(tx, bob, currentUser, { key });
      const afterReturn = await currentUser(tx);
      await withUserScope(tx, bob, () => Promise.reject(new Error('inner failed')), { key }).catch(() => undefined);
      return { inner, afterReturn, afterThrow: await currentUser(tx) };
    },
    { key },
  );
  expect(seen).toEqual({ inner: bob, afterReturn: alice, afterThrow: alice });
  expect(
    await transaction(db, async (tx) => {
      await withUserScope(tx, alice, currentUser, { key });
      return currentUser(tx);
    }),
  ).toBeNull();
});

// A token copied from another transaction is refused too: rls.test.ts, which runs real transactions
// (this file's `db` is one held transaction, so its scopes share a binding).
test('raw set_config inside a scope cannot re-point it', async ({ db }) => {
  const key = await readUserScopeKey(db);
  const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
  const seen = await withUserScope(
    db,
    alice,
    async (tx) => {
      await tx.execute(sql`select set_config('org.user_id', ${bob}, true)`);
      const afterUserId = await currentUser(tx);
      await tx.execute(sql`select set_config('org.user_scope', ${`${bob}:${'0'.repeat(64)}`}, true)`);
      return { afterUserId, afterForgery: await currentUser(tx) };
    },
    { key },
  );
  expect(seen).toEqual({ afterUserId: alice, afterForgery: null });
});
