// The wizard app's users and events: a captured email becomes a user with a profile, the wizard runs
// are linked to it, and conversions are tracked as events.
import { createRepository, transaction, upsertUserByEmail, type OrgDb } from '@org/queries';
import { analyticsEvents, emailCaptures, userProfiles, users, wizardSubmissions, type AnalyticsEvent, type EventProperties, type User } from '@org/schema';
import { and, eq, gte, isNull, sql } from 'drizzle-orm';

/**
 * Turns a captured email into a user (one per live email, whatever its case), gives it a profile if it
 * has none, and links the capture's wizard runs to it, in one transaction.
 *
 * @example
 * const user = await signUpFromCapture(db, captureId, { name: 'Ada', companyName: 'Engines Ltd' });
 */
export async function signUpFromCapture(db: OrgDb, captureId: string, input: { name: string; companyName?: string }): Promise<User> {
  return await transaction(db, async (tx) => {
    // getById: NotFoundError for an unknown capture, before any write.
    const capture = await createRepository(tx, emailCaptures).getById(captureId);
    const user = await upsertUserByEmail(tx, { email: capture.email, name: input.name });
    await tx
      .insert(userProfiles)
      .values({ userId: user.id, email: capture.email, name: input.name, companyName: input.companyName ?? null, onboardingStep: 'info_captured' })
      .onConflictDoNothing({ target: userProfiles.userId });
    await tx
      .update(wizardSubmissions)
      .set({ userId: user.id })
      .where(and(eq(wizardSubmissions.emailCaptureId, captureId), isNull(wizardSubmissions.userId)));
    return user;
  });
}

/**
 * Records a conversion event of a user ("conversion tracking"); an unknown user is a typed
 * ForeignKeyViolationError, a malformed id a ValidationError, both before anything is written.
 *
 * @example
 * await trackConversion(db, user.id, 'trial_started', { plan: 'pro' });
 */
export async function trackConversion(db: OrgDb, userId: string, eventType: string, properties: EventProperties = {}): Promise<AnalyticsEvent> {
  // The repository validates the row before SQL and maps a missing user to ForeignKeyViolationError.
  return await createRepository(db, analyticsEvents).create({ userId, eventType, properties });
}

/**
 * Distinct users per event type since a date: the conversion funnel.
 *
 * @example
 * const funnel = await conversionFunnel(db, since); // { wizard_completed: 40, trial_started: 12 }
 */
export async function conversionFunnel(db: OrgDb, since: Date): Promise<Record<string, number>> {
  const rows = await db
    .select({ eventType: analyticsEvents.eventType, users: sql<number>`count(distinct ${analyticsEvents.userId})::int`.mapWith(Number) })
    .from(analyticsEvents)
    .where(and(gte(analyticsEvents.createdAt, since), sql`${analyticsEvents.userId} is not null`))
    .groupBy(analyticsEvents.eventType);
  return Object.fromEntries(rows.map((r) => [r.eventType, r.users]));
}

/**
 * A user with the profile, wizard runs and events ("full user profiles", through the foreign keys).
 *
 * @example
 * const user = await getUserJourney(db, userId);
 */
export async function getUserJourney(db: OrgDb, userId: string) {
  return await db.query.users.findFirst({
    where: and(eq(users.id, userId), isNull(users.deletedAt)),
    with: { profile: true, wizardSubmissions: true, analyticsEvents: true },
  });
}
