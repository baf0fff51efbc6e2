// Guide section "Common Query Patterns → 1. User Profile Operations", as usegemz writes it on @org.
// The only change: user_profiles.user_id is the @org user's uuid, not the Clerk id (see identity.ts).
import type { OrgDb } from '@org/queries';
import { userProfiles, type UserProfile } from '@org/schema';
import { eq } from 'drizzle-orm';
import { userIdForClerk } from './identity.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Get User Profile with Trial Data.
 *
 * @example
 * const profile = await getUserProfile(db, clerkUserId);
 */
export async function getUserProfile(db: OrgDb, clerkUserId: string): Promise<UserProfile | undefined> {
  const userId = await userIdForClerk(db, clerkUserId); // guide: userId is the Clerk id itself
  return db.query.userProfiles.findFirst({
    where: eq(userProfiles.userId, userId),
  });
}

/**
 * Create User Profile (the guide's values, unchanged but for `userId`).
 *
 * @example
 * const profile = await createUserProfile(db, clerkUserId, 'ada@example.com');
 */
export async function createUserProfile(db: OrgDb, clerkUserId: string, userEmail: string): Promise<UserProfile> {
  const [profile] = await db
    .insert(userProfiles)
    .values({
      userId: await userIdForClerk(db, clerkUserId), // guide: userId: clerkUserId
      email: userEmail,
      fullName: 'John Doe',
      businessName: 'Acme Corp',
      onboardingStep: 'completed',
    })
    .returning();
  return profile!;
}

/**
 * Update Trial Status: a 7-day trial from now. (@org's `startTrial` does the same through the trial
 * state machine and refuses to restart a trial; the guide's plain update is kept here.)
 *
 * @example
 * await updateTrialStatus(db, clerkUserId);
 */
export async function updateTrialStatus(db: OrgDb, clerkUserId: string): Promise<void> {
  const userId = await userIdForClerk(db, clerkUserId);
  await db
    .update(userProfiles)
    .set({
      trialStatus: 'active',
      trialStartDate: new Date(),
      trialEndDate: new Date(Date.now() + WEEK_MS),
      updatedAt: new Date(),
    })
    .where(eq(userProfiles.userId, userId));
}
