import { userProfiles, users } from '@org/schema';
import { and, asc, eq } from 'drizzle-orm';
import { NotFoundError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { liveRows } from '../repository/softDeleteScope.ts';
import { transaction } from '../transactions/transaction.ts';
import { writeAuditLog } from './audit.ts';
import { invalidUserIds } from './userIds.ts';

// A profile counts only while its user is live: a soft-deleted user is no admin.
const liveUser = and(eq(users.id, userProfiles.userId), liveRows(users))!;

/**
 * Whether the user's profile has the admin flag (false without a profile, and false once the user
 * is soft-deleted).
 *
 * @example
 * if (!(await isAdmin(db, userId))) return forbidden();
 */
export function isAdmin(db: OrgDb, userId: string): Promise<boolean> {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  return guarded(async () => {
    const [profile] = await db
      .select({ isAdmin: userProfiles.isAdmin })
      .from(userProfiles)
      .innerJoin(users, liveUser)
      .where(eq(userProfiles.userId, userId))
      .limit(1);
    return profile?.isAdmin ?? false;
  });
}

/**
 * Grants the admin flag, audited with who granted it, in one transaction.
 *
 * @example
 * await promoteToAdmin(db, { targetUserId, actorUserId: me.id });
 */
export function promoteToAdmin(db: OrgDb, input: { targetUserId: string; actorUserId: string }) {
  const bad = invalidUserIds({ targetUserId: input.targetUserId, actorUserId: input.actorUserId });
  if (bad) return Promise.reject(bad);
  return transaction(db, async (tx) => {
    const [profile] = await tx.update(userProfiles).set({ isAdmin: true }).where(eq(userProfiles.userId, input.targetUserId)).returning();
    if (!profile) throw new NotFoundError('user_profiles', 'user_id = ?');
    await writeAuditLog(tx, {
      userId: input.actorUserId,
      action: 'UPDATE',
      tableName: 'user_profiles',
      recordId: profile.id,
      changes: { isAdmin: { from: false, to: true } },
    });
    return profile;
  });
}

/**
 * The admins whose user is live, with the fields an admin list shows (served by
 * `idx_user_profiles_admin_details`).
 *
 * @example
 * const admins = await listAdmins(db);
 */
export function listAdmins(db: OrgDb) {
  return guarded(() =>
    db
      .select({
        userId: userProfiles.userId,
        fullName: userProfiles.fullName,
        email: userProfiles.email,
        isAdmin: userProfiles.isAdmin,
        updatedAt: userProfiles.updatedAt,
      })
      .from(userProfiles)
      .innerJoin(users, liveUser)
      .where(eq(userProfiles.isAdmin, true))
      .orderBy(asc(userProfiles.fullName), asc(userProfiles.userId)),
  );
}
