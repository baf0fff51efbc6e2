// Guide section "CRUD Operations → Delete" and "Common Patterns → Soft Delete Pattern".
import type { OrgDb } from '@org/queries';
import { sessions, users, type User } from '@org/schema';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { byClaudeCodeId } from './identity.ts';

/**
 * Delete single record (a hard delete; the sessions and prompts go with it by foreign key).
 *
 * @example
 * const [deletedUser] = await deleteUser(db, 'user_123');
 */
export function deleteUser(db: OrgDb, userId: string): Promise<User[]> {
  return db
    .delete(users)
    .where(byClaudeCodeId(userId)) // guide: eq(users.id, userId)
    .returning();
}

/**
 * Delete with conditions: a user's sessions idle for 30 days. sessions.user_id holds the @org uuid, so
 * `userId` here is `user.id` as read (not the team's id). The guide's import line lacks `and`.
 *
 * @example
 * await deleteStaleSessions(db, user.id, new Date(Date.now() - 30 * 86_400_000));
 */
export async function deleteStaleSessions(db: OrgDb, userId: string, thirtyDaysAgo: Date): Promise<number> {
  const deletedSessions = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), lt(sessions.lastActiveAt, thirtyDaysAgo)))
    .returning({ id: sessions.id }); // added: returning, to report how many went
  return deletedSessions.length;
}

/**
 * Cascade delete in a transaction, by the @org uuid (`user.id` as read); @org's foreign keys already
 * cascade, the explicit form still works.
 *
 * @example
 * await deleteUserAndSessions(db, user.id);
 */
export async function deleteUserAndSessions(db: OrgDb, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(users).where(eq(users.id, userId));
  });
}

/**
 * Soft delete: @org's users already have `deleted_at` (the guide's "add deletedAt column" step is done).
 *
 * @example
 * await softDeleteUser(db, 'user_123');
 */
export async function softDeleteUser(db: OrgDb, userId: string): Promise<void> {
  await db.update(users).set({ deletedAt: new Date() }).where(byClaudeCodeId(userId)); // guide: eq(users.id, userId)
}

/**
 * Query non-deleted, unchanged.
 *
 * @example
 * const activeUsers = await listActiveUsers(db);
 */
export function listActiveUsers(db: OrgDb) {
  return db.select().from(users).where(isNull(users.deletedAt));
}
