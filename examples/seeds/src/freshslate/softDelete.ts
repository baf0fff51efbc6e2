// FreshSlate's soft deletes ("Common Patterns"). @org's leads already carry `deleted_at`
// (the guide's "add deleted_at column" step is done), so the guide's two queries run unchanged.
import type { OrgDb } from '@org/queries';
import { eq, isNull } from 'drizzle-orm';
import { leads } from './schema.ts';

/**
 * Every lead not soft-deleted (the guide's code, unchanged). @org's ready equivalent:
 * `createRepository(db, leads).findMany()`, which applies this scope by default and bounds the rows.
 *
 * @example
 * const active = await getActiveLeads(db);
 */
export async function getActiveLeads(db: OrgDb) {
  return await db.select().from(leads).where(isNull(leads.deletedAt));
}

/**
 * Marks a lead deleted (the guide's code, unchanged): deleting twice moves `deleted_at` again.
 * @org's `createRepository(db, leads).softDelete(id)` refuses a missing or already-deleted lead with a
 * NotFoundError and returns the row.
 *
 * @example
 * await softDeleteLead(db, id);
 */
export async function softDeleteLead(db: OrgDb, id: string) {
  return await db.update(leads).set({ deletedAt: new Date() }).where(eq(leads.id, id));
}
