// FreshSlate's "transaction example": a lead and its funnel events, all or nothing.
import { transaction, type OrgDb } from '@org/queries';
import { analyticsEvents, leads, type Lead, type NewEvent, type NewLead } from './schema.ts';

/**
 * Creates a lead and its events in one transaction: if any event fails, the lead is not kept either.
 * @org's ready `createLeadWithEvents` also validates every row with zod before any SQL.
 *
 * @example
 * const lead = await createLeadWithEvents(db, newLead, [{ eventType: 'quiz_completed' }]);
 */
export async function createLeadWithEvents(db: OrgDb, leadData: NewLead, events: NewEvent[]): Promise<Lead> {
  // guide: db.transaction(async (tx) => …) → ours: transaction(db, async (tx) => …), because it maps
  // driver errors to typed ones (UniqueViolationError, …) and retries serialization failures.
  return await transaction(db, async (tx) => {
    const [lead] = await tx.insert(leads).values(leadData).returning();

    const eventData = events.map((event) => ({
      ...event,
      leadId: lead!.id, // guide: lead.id → ours: lead!.id (noUncheckedIndexedAccess: returning() is an array)
    }));

    // guide: await tx.insert(analyticsEvents).values(eventData) → ours: skipped when there are none,
    // because drizzle refuses values([]) ("values() must be called with at least one value").
    if (eventData.length > 0) await tx.insert(analyticsEvents).values(eventData);

    return lead!;
  });
}
