import {
  analyticsEvents,
  analyticsEventSchemas,
  leads,
  leadSchemas,
  partners,
  type Lead,
  type NewAnalyticsEvent,
  type NewLead,
  type Partner,
} from '@org/schema';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { resolveDatabase } from '../binding/bindDatabase.ts';
import { NotFoundError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import { statementName } from '../driver/driverOf.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { liveRows } from '../repository/softDeleteScope.ts';
import { validateInput } from '../repository/validateInput.ts';
import { transaction } from '../transactions/transaction.ts';

/** Lead funnel figures since a date. */
export interface LeadStats {
  totalLeads: number;
  /** Average debt, rounded to cents, as a decimal string; null without leads. */
  avgDebtAmount: string | null;
  qualifiedCount: number;
  /** The distinct states leads came from, sorted. */
  states: string[];
}

/**
 * Count, average debt, qualified count and distinct states of the live leads created since a date.
 *
 * @example
 * const stats = await getLeadStats(db, new Date('2026-01-01'));
 * // SELECT count(*)::int, round(avg(debt_amount), 2)::text, count(*) FILTER (WHERE …), array_agg(DISTINCT state) …
 */
export function getLeadStats(db: OrgDb, since: Date): Promise<LeadStats> {
  return guarded(async () => {
    const [row] = await db
      .select({
        totalLeads: sql<number>`count(*)::int`.mapWith(Number),
        avgDebtAmount: sql<string | null>`round(avg(${leads.debtAmount}), 2)::text`,
        qualifiedCount: sql<number>`(count(*) filter (where ${leads.qualificationStatus} = 'qualified'))::int`.mapWith(Number),
        states: sql<string[]>`coalesce(array_agg(distinct ${leads.state}::text order by ${leads.state}::text), '{}'::text[])`,
      })
      .from(leads)
      .where(and(gte(leads.createdAt, since), liveRows(leads)));
    return row!;
  });
}

/**
 * Qualified leads with at least `minDebt` of debt, newest first, with their partner's name and
 * acceptance rate (left join: unmatched leads included; deleted partners left out).
 *
 * @example
 * const rows = await getQualifiedLeadsWithPartners(db, { minDebt: '10000', limit: 100 });
 */
export function getQualifiedLeadsWithPartners(db: OrgDb, options: { minDebt?: string; limit?: number } = {}) {
  return guarded(() =>
    db
      .select({ lead: leads, partnerName: partners.name, partnerAcceptanceRate: partners.acceptanceRate })
      .from(leads)
      .leftJoin(partners, and(eq(leads.partnerId, partners.id), liveRows(partners)))
      .where(and(eq(leads.qualificationStatus, 'qualified'), gte(leads.debtAmount, options.minDebt ?? '10000'), liveRows(leads)))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(Math.min(options.limit ?? 100, 1000)),
  );
}

const byEmail = new WeakMap<object, { execute(p: { email: string }): Promise<Lead[]> }>();

/**
 * The newest live lead with this email, case-insensitively, through a prepared statement (one per
 * connection, reused; served by `idx_leads_email_lower`).
 *
 * @example
 * const lead = await getLeadByEmail(db, 'Ada@Example.com');
 */
export function getLeadByEmail(client: OrgDb, email: string): Promise<Lead | undefined> {
  // Prepared per connection: under a binding (a test's transaction) on the transaction, not on `client`.
  const db = resolveDatabase(client);
  return guarded(async () => {
    let statement = byEmail.get(db);
    if (!statement) {
      statement = db
        .select()
        .from(leads)
        .where(and(sql`lower(${leads.email}) = lower(${sql.placeholder('email')})`, liveRows(leads)))
        .orderBy(desc(leads.createdAt))
        .limit(1)
        .prepare(statementName(db, 'get_lead_by_email'));
      byEmail.set(db, statement);
    }
    return (await statement.execute({ email }))[0];
  });
}

/**
 * Creates a lead and its funnel events in one transaction; both are validated first, and nothing is
 * written if any part fails.
 *
 * @example
 * const lead = await createLeadWithEvents(db, newLead, [{ eventType: 'quiz_completed' }]);
 */
export async function createLeadWithEvents(db: OrgDb, lead: NewLead, events: Omit<NewAnalyticsEvent, 'leadId'>[]): Promise<Lead> {
  const leadValue = validateInput(leadSchemas.insert, lead, 'lead');
  const eventValues = events.map((e, i) => validateInput(analyticsEventSchemas.insert, e, `event ${i}`));
  return transaction(db, async (tx) => {
    const [created] = await tx.insert(leads).values(leadValue).returning();
    if (eventValues.length) {
      await tx.insert(analyticsEvents).values(eventValues.map((e) => ({ ...e, leadId: created!.id })));
    }
    return created!;
  });
}

/**
 * Full-text search over live leads (name, email, campaign), best match first. Any user string is
 * safe: it is parsed by `websearch_to_tsquery`, bound as a parameter.
 *
 * @example
 * const hits = await searchLeads(db, 'lovelace "spring sale"');
 */
export function searchLeads(db: OrgDb, query: string, options: { limit?: number } = {}) {
  return guarded(async () => {
    const q = sql`websearch_to_tsquery('english', ${query.slice(0, 1000)})`;
    return db
      .select({ lead: leads, rank: sql<number>`ts_rank(${leads.searchVector}, ${q})`.mapWith(Number) })
      .from(leads)
      .where(and(sql`${leads.searchVector} @@ ${q}`, liveRows(leads)))
      .orderBy(desc(sql`ts_rank(${leads.searchVector}, ${q})`), desc(leads.id))
      .limit(Math.min(options.limit ?? 20, 100));
  });
}

/**
 * Active partners that can take a lead: licensed in its state (or everywhere), with its debt inside
 * their range; highest acceptance rate first.
 *
 * @example
 * const [best] = await findMatchingPartners(db, lead.id);
 */
export function findMatchingPartners(db: OrgDb, leadId: string): Promise<Partner[]> {
  return guarded(async () => {
    const lead = await db.query.leads.findFirst({ where: and(eq(leads.id, leadId), liveRows(leads)) });
    if (!lead) throw new NotFoundError('leads', 'id = ?');
    return db
      .select()
      .from(partners)
      .where(
        and(
          eq(partners.isActive, true),
          liveRows(partners),
          sql`(${lead.state} = any(${partners.statesLicensed}) or 'ALL' = any(${partners.statesLicensed}))`,
          sql`${partners.minDebtAmount} <= ${lead.debtAmount}`,
          sql`(${partners.maxDebtAmount} is null or ${partners.maxDebtAmount} >= ${lead.debtAmount})`,
        ),
      )
      .orderBy(sql`${partners.acceptanceRate} desc nulls last`, partners.id);
  });
}

/**
 * Matches a lead to its best partner in one transaction: sets the partner, records a
 * `partner_matched` event. Returns null (changing nothing) when no partner fits.
 *
 * @example
 * const match = await matchLeadToPartner(db, lead.id);
 */
export function matchLeadToPartner(db: OrgDb, leadId: string) {
  return transaction(db, async (tx) => {
    const [partner] = await findMatchingPartners(tx, leadId);
    if (!partner) return null;
    const [lead] = await tx
      .update(leads)
      .set({ partnerId: partner.id, partnerMatched: true })
      .where(and(eq(leads.id, leadId), liveRows(leads)))
      .returning();
    await tx.insert(analyticsEvents).values({ leadId, eventType: 'partner_matched', properties: { partnerId: partner.id } });
    return { lead: lead!, partner };
  });
}
