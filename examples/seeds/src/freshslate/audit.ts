// FreshSlate's "Audit Logging": `updated_at` kept by a trigger, plus who changed what.
import { execute, transaction, writeAuditLog, type OrgDb } from '@org/queries';
import { sql } from 'drizzle-orm';
import type { Lead } from './schema.ts';

// guide: await db.execute(updateTimestampTrigger) (CREATE FUNCTION update_updated_at … CREATE TRIGGER
// update_leads_updated_at) → ours: not run, because @org's migration 0001 already installs the same
// trigger on leads (`leads_set_updated_at` → `org_set_updated_at()`, stamping clock_timestamp()); a
// second trigger would only repeat it.

/**
 * Marks a lead contacted with raw SQL (the path drizzle's `$onUpdate` does not see: the trigger stamps
 * `updated_at`) and records who did it in `audit_logs`, in one transaction.
 *
 * @example
 * const lead = await markLeadContacted(db, leadId, agentUserId);
 */
export async function markLeadContacted(db: OrgDb, leadId: string, userId: string | null): Promise<Lead | undefined> {
  return await transaction(db, async (tx) => {
    // The self-join reads the row as it was (locked), so the audit entry can say from what to what.
    const [row] = await execute<{ id: string; previous: string; status: string }>(
      tx,
      sql`update leads set status = 'contacted', contacted_at = now()
          from (select id, status from leads where id = ${leadId} and deleted_at is null for update) as old
          where leads.id = old.id
          returning leads.id, old.status as previous, leads.status`,
    );
    if (!row) return undefined;
    const changes = { status: { from: row.previous, to: row.status } };
    await writeAuditLog(tx, { userId, action: 'UPDATE', tableName: 'leads', recordId: row.id, changes });
    return await tx.query.leads.findFirst({ where: (l, { eq }) => eq(l.id, row.id) });
  });
}
