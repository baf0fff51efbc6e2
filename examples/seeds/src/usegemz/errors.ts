// Guide section "Security & Best Practices → 3. Error Handling".
import { NotFoundError, type OrgDb } from '@org/queries';
import { userProfiles, type UserProfile } from '@org/schema';
import { eq } from 'drizzle-orm';
import { userIdForClerk } from './identity.ts';

/**
 * Database Error Patterns. The guide wraps every failure in `new Error('Database operation failed')`;
 * on @org the errors are already typed and carry no values, so the team rethrows them as they are:
 * NotFoundError for a missing profile (also for an unknown Clerk id), ValidationError for a malformed
 * id (before SQL), ConnectionError / TimeoutError for the database itself.
 *
 * @example
 * try { return await getProfileOrThrow(db, clerkUserId); } catch (e) { if (e instanceof NotFoundError) return notFound(); throw e; }
 */
export async function getProfileOrThrow(db: OrgDb, clerkUserId: string): Promise<UserProfile> {
  const userId = await userIdForClerk(db, clerkUserId);
  const result = await db.query.userProfiles.findFirst({
    where: eq(userProfiles.userId, userId),
  });
  // guide: throw new Error('User profile not found') → a typed NotFoundError
  if (!result) throw new NotFoundError('user_profiles', 'user_id = ?');
  return result;
}
