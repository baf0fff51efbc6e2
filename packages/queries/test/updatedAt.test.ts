import { users } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, vi } from 'vitest';
import { captureEmail, createOrgRepositories, upsertUserByEmail, type OrgDb } from '../src/index.ts';

// PGlite's clock has millisecond resolution, so two writes in one millisecond tie there; PostgreSQL's
// has microseconds, and there every write must move updated_at strictly forward. PGlite runs in this
// process and reads its clock from JS Date, so only against PostgreSQL can the application's clock be
// skewed apart from the database's.
const strict = process.env.ORG_TEST_ENGINE === 'postgres';

/** A timestamp expression in microseconds since the epoch, exact (a JS Date would cut it to ms). */
async function micros(db: OrgDb, expression: SQL): Promise<bigint> {
  const result = await db.execute(sql`select (extract(epoch from ${expression}) * 1000000)::bigint::text as us`);
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: { us: string }[] }).rows;
  return BigInt((rows[0] as { us: string }).us);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('updated_at comes from the database clock', () => {
  test('builder updates set clock_timestamp() in SQL, never a bound application time', ({ db }) => {
    const query = db.update(users).set({ name: 'x' }).where(eq(users.id, '00000000-0000-0000-0000-000000000000')).toSQL();
    expect(query.sql).toContain('"updated_at" = clock_timestamp()');
    expect(query.params).toEqual(['x', '00000000-0000-0000-0000-000000000000']);
  });

  test('every write path, inside one transaction, stamps the database clock and moves updated_at forward', async ({ db, factories }) => {
    const user = await factories.users.create({ email: 'clock@example.test' });
    const capture = (await captureEmail(db, { email: 'clock@example.test' })).capture;
    const updatedAt = (id: string) => micros(db, sql`(select updated_at from users where id = ${id})`);
    const start = await micros(db, sql`clock_timestamp()`);
    const inserted = await updatedAt(user.id);

    if (strict) {
      // A skewed application clock: if it decided updated_at, the values below would be in 2001.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    }

    const stamps = [inserted];
    await createOrgRepositories(db).users.update(user.id, { name: 'repository update' });
    stamps.push(await updatedAt(user.id));
    await db.update(users).set({ name: 'builder update' }).where(eq(users.id, user.id));
    stamps.push(await updatedAt(user.id));
    await db.execute(sql`update users set name = 'raw sql update' where id = ${user.id}`); // the trigger's path
    stamps.push(await updatedAt(user.id));
    await upsertUserByEmail(db, { email: 'clock@example.test', name: 'upsert' }); // ON CONFLICT DO UPDATE
    stamps.push(await updatedAt(user.id));
    const end = await micros(db, sql`clock_timestamp()`);

    for (let i = 1; i < stamps.length; i++) {
      if (strict) expect(stamps[i]! > stamps[i - 1]!, `write ${i} moved updated_at forward`).toBe(true);
      else expect(stamps[i]! >= stamps[i - 1]!, `write ${i} kept updated_at from going back`).toBe(true);
    }
    for (const stamp of stamps.slice(1)) {
      expect(stamp >= start && stamp <= end, "inside the transaction's clock_timestamp() bounds").toBe(true);
    }

    const captureAt = () => micros(db, sql`(select updated_at from email_captures where id = ${capture.id})`);
    const beforeCapture = await captureAt();
    await captureEmail(db, { email: 'clock@example.test', source: 'again' });
    const afterCapture = await captureAt();
    expect(strict ? afterCapture > beforeCapture : afterCapture >= beforeCapture).toBe(true);
    expect(afterCapture >= start && afterCapture <= (await micros(db, sql`clock_timestamp()`))).toBe(true);
  });
});
