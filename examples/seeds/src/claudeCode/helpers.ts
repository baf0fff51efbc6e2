// Guide section "Database Helpers" and "Common Patterns → Audit Trail Pattern".
import { execute, getMigrationStatus as orgMigrationStatus, type OrgDatabase, type OrgDb } from '@org/queries';
import type { MigrationStatusEntry } from '@org/migrations';
import { auditLogs, type AuditChanges } from '@org/schema';
import { sql } from 'drizzle-orm';
import { generateId } from './identity.ts';

/**
 * Connection Health Check. `result.rows` is undefined on postgres.js (drizzle returns an array there),
 * so the guide's line throws inside the try and reports false on a healthy database: @org's `execute`
 * returns the rows on both engines. (`database.healthCheck()` also reports latency, server version and
 * why it failed.)
 *
 * @example
 * if (!(await checkDatabaseHealth(db))) alert();
 */
export async function checkDatabaseHealth(db: OrgDb): Promise<boolean> {
  try {
    const rows = await execute(db, sql`SELECT 1`); // guide: const result = await db.execute(sql`SELECT 1`);
    return rows.length > 0; // guide: result.rows.length > 0
  } catch (error) {
    void error; // the guide logs it: console.error('Database health check failed:', error)
    return false;
  }
}

/**
 * Migration Status. The guide reads `drizzle_migrations` (no such table: drizzle's own is
 * `drizzle.__drizzle_migrations`, and @org's journal is neither); @org/queries reads the journal and
 * compares it with the migration files: applied, pending, changed.
 *
 * @example
 * const applied = await getMigrationStatus(database);
 */
export async function getMigrationStatus(database: Pick<OrgDatabase, 'client'>): Promise<MigrationStatusEntry[]> {
  const applied = await orgMigrationStatus(database);
  // guide: SELECT * FROM drizzle_migrations ORDER BY created_at DESC
  return applied.migrations.filter((m) => m.state === 'applied').reverse();
}

/**
 * Create audit log entry. @org's `changes` is typed jsonb (`{ column: { from, to } }`): the object
 * itself, not `JSON.stringify(changes)`, which would store one JSON string. (`writeAuditLog` is @org's
 * helper for the same.)
 *
 * @example
 * await recordUserUpdate(db, currentUser.id, userId, { name: { from: 'Old', to: 'New' } });
 */
export async function recordUserUpdate(db: OrgDb, currentUserId: string, userId: string, changes: AuditChanges): Promise<void> {
  await db.insert(auditLogs).values({
    id: generateId(),
    userId: currentUserId,
    action: 'UPDATE',
    tableName: 'users',
    recordId: userId,
    changes, // guide: changes: JSON.stringify(changes)
    createdAt: new Date(),
  });
}
