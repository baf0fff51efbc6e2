import { auditLogs, auditLogSchemas, type AuditChanges, type AuditLog } from '@org/schema';
import type { OrgDb } from '../internal/OrgDb.ts';
import { validateInput } from '../repository/validateInput.ts';
import { invalidUserIds } from './userIds.ts';

/** One audited write. */
export interface AuditEntry {
  userId?: string | null;
  action: AuditLog['action'];
  tableName: string;
  recordId: string;
  changes?: AuditChanges;
}

/**
 * Records an audited write. Call it with the transaction of the write, so the entry exists exactly
 * when the change does.
 *
 * @example
 * await transaction(db, async (tx) => { …; await writeAuditLog(tx, { action: 'UPDATE', tableName: 'projects', recordId: id, userId }); });
 */
export async function writeAuditLog(db: OrgDb, entry: AuditEntry): Promise<AuditLog> {
  // null is an entry by no user (a system job); a non-uuid is refused before SQL.
  const bad = entry.userId === null ? undefined : invalidUserIds({ userId: entry.userId }, ['userId']);
  if (bad) throw bad;
  const value = validateInput(auditLogSchemas.insert, { ...entry, changes: entry.changes ?? {} }, 'audit entry');
  const [row] = await db.insert(auditLogs).values(value).returning();
  return row!;
}
