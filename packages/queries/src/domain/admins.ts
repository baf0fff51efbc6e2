import { userProfiles } from '@org/schema';
import { asc, eq } from 'drizzle-orm';
import { NotFoundError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { transaction } from '../transactions/transaction.ts';
import { writeAuditLog } from './audit.ts';

/**
 * Whether the user's profile has the admin flag (false without a profile).
 *
 * @example
 * if (!(await isAdmin(db, userId))) return forbidden();
 */
export function isAdmin(db: OrgDb, userId: string): Promise<boolean> {
  return guarded(async () => {
    const profile = await db.query.userProfiles.findFirst({ where: eq(userProfiles.userId, userId), columns: { isAdmin: true } });
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
 * The admins with the fields an admin list shows (served by `idx_user_profiles_admin_details`).
 *
 * @example
 * const admins = await listAdmins(db);
 */
export function listAdmins(db: OrgDb) {
  return guarded(() =>
    db.query.userProfiles.findMany({
      where: eq(userProfiles.isAdmin, true),
      columns: { userId: true, fullName: true, email: true, isAdmin: true, updatedAt: true },
      orderBy: [asc(userProfiles.fullName), asc(userProfiles.userId)],
    }),
  );
}
