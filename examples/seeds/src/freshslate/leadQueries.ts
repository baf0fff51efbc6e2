// FreshSlate's `lib/db/queries/leads.ts`, reads: the guide's drizzle code runs unchanged on the db
// @org hands out. The one change everywhere: `db` is a parameter instead of the module import
// `import { db } from '@/db/client'`, so a request, a transaction or a test passes its own.
import type { OrgDb } from '@org/queries';
import { and, desc, eq, gte } from 'drizzle-orm';
import { leads, partners, type Lead } from './schema.ts';

/**
 * Simple select by primary key (the guide's code, unchanged). @org's ready equivalent is
 * `createRepository(db, leads).findById(id)`, which also hides soft-deleted rows.
 *
 * @example
 * const lead = await getLeadById(db, id);
 */
export async function getLeadById(db: OrgDb, id: string): Promise<Lead | undefined> {
  const result = await db.select().from(leads).where(eq(leads.id, id)).limit(1);
  return result[0];
}

/**
 * Qualified leads with at least $10 000 of debt and their partner (left join), newest first (the
 * guide's code, unchanged). @org's `getQualifiedLeadsWithPartners` adds the soft-delete scope.
 *
 * @example
 * const rows = await getQualifiedLeadsWithPartners(db);
 */
export async function getQualifiedLeadsWithPartners(db: OrgDb) {
  return await db
    .select({
      lead: leads,
      partnerName: partners.name,
      partnerAcceptanceRate: partners.acceptanceRate,
    })
    .from(leads)
    .leftJoin(partners, eq(leads.partnerId, partners.id))
    .where(and(eq(leads.qualificationStatus, 'qualified'), gte(leads.debtAmount, '10000')))
    .orderBy(desc(leads.createdAt))
    .limit(100);
}

/**
 * A lead with its partner and funnel events through the guide's `leadsRelations` (drizzle's
 * relational query on @org's relations, which carry the same names).
 *
 * @example
 * const lead = await getLeadWithPartnerAndEvents(db, id);
 */
export async function getLeadWithPartnerAndEvents(db: OrgDb, id: string) {
  return await db.query.leads.findFirst({ where: eq(leads.id, id), with: { partner: true, events: true } });
}
