// Guide section "Common Query Patterns → 4. Admin Operations", unchanged but for the Clerk id.
import type { OrgDb } from '@org/queries';
import { userProfiles } from '@org/schema';
import { eq } from 'drizzle-orm';
import { userIdForClerk } from './identity.ts';

/**
 * Check Admin Status.
 *
 * @example
 * if (await checkAdminStatus(db, clerkUserId)) showAdminPanel();
 */
export async function checkAdminStatus(db: OrgDb, clerkUserId: string): Promise<boolean> {
  const userId = await userIdForClerk(db, clerkUserId);
  const userProfile = await db.query.userProfiles.findFirst({
    where: eq(userProfiles.userId, userId),
    columns: { isAdmin: true },
  });
  const isAdmin = userProfile?.isAdmin || false;
  return isAdmin;
}

/**
 * Promote User to Admin. (@org's `promoteToAdmin` also writes an audit entry.)
 *
 * @example
 * await promoteUserToAdmin(db, targetClerkUserId);
 */
export async function promoteUserToAdmin(db: OrgDb, targetClerkUserId: string): Promise<void> {
  const targetUserId = await userIdForClerk(db, targetClerkUserId);
  await db
    .update(userProfiles)
    .set({
      isAdmin: true,
      updatedAt: new Date(),
    })
    .where(eq(userProfiles.userId, targetUserId));
}

/**
 * Get All Admin Users (served by the partial index idx_user_profiles_is_admin).
 *
 * @example
 * const admins = await getAllAdminUsers(db);
 */
export function getAllAdminUsers(db: OrgDb) {
  return db.query.userProfiles.findMany({
    where: eq(userProfiles.isAdmin, true),
    columns: {
      userId: true,
      fullName: true,
      email: true,
      isAdmin: true,
      updatedAt: true,
    },
  });
}
