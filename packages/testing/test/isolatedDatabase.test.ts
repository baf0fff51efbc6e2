import { users } from '@org/schema';
import { count } from 'drizzle-orm';
import postgres from 'postgres';
import { expect } from 'vitest';
import { orgTest as test } from '../src/vitest.ts';

test('an isolated database really commits, independently of the shared one', async ({ db, isolatedDatabase }) => {
  await isolatedDatabase.db.insert(users).values({ email: 'committed@example.test' });
  const [isolated] = await isolatedDatabase.db.select({ n: count() }).from(users);
  expect(isolated?.n).toBe(1);
  const [shared] = await db.select({ n: count() }).from(users);
  expect(shared?.n).toBe(0);

  if (isolatedDatabase.engine === 'postgres') {
    // A second connection sees the commit: the data is not held in an open transaction.
    const other = postgres(isolatedDatabase.url!, { max: 1, onnotice: () => {} });
    const rows = await other`select email from users`;
    await other.end();
    expect(rows.map((r) => r.email)).toEqual(['committed@example.test']);
  }
});
