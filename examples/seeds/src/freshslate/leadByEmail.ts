// FreshSlate's prepared read: "prepare statements for frequently used queries".
import type { OrgDb } from '@org/queries';
import { eq, sql } from 'drizzle-orm';
import { leads, type Lead } from './schema.ts';

// guide: const preparedGetByEmail = db.select()…prepare('getLeadByEmail') at module level → ours:
// prepared once per db on first use, because there is no module-level db to prepare on: the client
// (and, in tests, the transaction) is created at run time and passed in.
const prepared = new WeakMap<OrgDb, ReturnType<typeof prepare>>();

function prepare(db: OrgDb) {
  return db
    .select()
    .from(leads)
    .where(eq(leads.email, sql.placeholder('email')))
    .prepare('getLeadByEmail');
}

/**
 * The first lead with exactly this email (case-sensitive, soft-deleted included, as in the guide),
 * through a prepared statement. @org's `getLeadByEmail` is case-insensitive, newest first, live only.
 *
 * @example
 * const lead = await getLeadByEmail(db, 'test1@example.com');
 */
export async function getLeadByEmail(db: OrgDb, email: string): Promise<Lead | undefined> {
  let statement = prepared.get(db);
  if (!statement) prepared.set(db, (statement = prepare(db)));
  const result = await statement.execute({ email });
  return result[0];
}
