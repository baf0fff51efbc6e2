// FreshSlate's lead funnel figures (`getLeadStats` of the guide's queries module).
import type { OrgDb } from '@org/queries';
import { gte, sql } from 'drizzle-orm';
import { leads } from './schema.ts';

/** What {@link getLeadStats} returns: numbers as numbers, states as an array (never null). */
export interface FreshslateLeadStats {
  totalLeads: number;
  avgDebtAmount: number | null;
  qualifiedCount: number;
  states: string[];
}

/**
 * Count, average debt, qualified count and distinct states of the leads created since a date. Like
 * the guide, soft-deleted leads count too; @org's `getLeadStats` leaves them out and keeps the average
 * as an exact decimal string.
 *
 * @example
 * const stats = await getLeadStats(db, new Date('2026-01-01'));
 */
export async function getLeadStats(db: OrgDb, startDate: Date): Promise<FreshslateLeadStats> {
  const stats = await db
    .select({
      // guide: sql<number>`count(*)` → ours: .mapWith(Number), because count(*) is a bigint that
      // postgres.js returns as a string: the type said number, the value was '3'.
      totalLeads: sql<number>`count(*)`.mapWith(Number),
      // guide: sql<number>`avg(${leads.debtAmount})` → ours: .mapWith(Number): avg of numeric is a
      // numeric, returned as a decimal string on both engines.
      avgDebtAmount: sql<number | null>`avg(${leads.debtAmount})`.mapWith(Number),
      // guide: …filter (where … = 'qualified')` → ours: .mapWith(Number), as count(*) above.
      qualifiedCount: sql<number>`count(*) filter (where ${leads.qualificationStatus} = 'qualified')`.mapWith(Number),
      // guide: array_agg(distinct state) → ours: coalesce(…, '{}'), because array_agg over no rows is
      // NULL, not the empty array its string[] type promised.
      states: sql<string[]>`coalesce(array_agg(distinct ${leads.state}), '{}')`,
    })
    .from(leads)
    .where(gte(leads.createdAt, startDate));

  return stats[0]!; // guide: stats[0] → ours: stats[0]! (noUncheckedIndexedAccess; an aggregate always has one row)
}
