import { userProfiles, type UserProfile } from '@org/schema';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { IllegalTransitionError, NotFoundError, ValidationError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { invalidUserIds } from './userIds.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

async function refuse(db: OrgDb, userId: string, to: string): Promise<never> {
  const [current] = await db.select({ s: userProfiles.trialStatus }).from(userProfiles).where(eq(userProfiles.userId, userId));
  if (!current) throw new NotFoundError('user_profiles', 'user_id = ?');
  throw new IllegalTransitionError('trial', current.s, to);
}

/**
 * Starts a user's trial (`pending → active`, subscription `trialing`), ending `days` later.
 *
 * @example
 * const profile = await startTrial(db, userId, { days: 7 });
 */
export function startTrial(db: OrgDb, userId: string, options: { now?: Date; days?: number } = {}): Promise<UserProfile> {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  const days = options.days ?? 7;
  if (!Number.isInteger(days) || days < 1 || days > 365) return Promise.reject(new ValidationError('days must be 1..365'));
  return guarded(async () => {
    const now = options.now ?? new Date();
    const [profile] = await db
      .update(userProfiles)
      .set({ trialStatus: 'active', subscriptionStatus: 'trialing', trialStartDate: now, trialEndDate: new Date(now.getTime() + days * DAY_MS) })
      .where(and(eq(userProfiles.userId, userId), eq(userProfiles.trialStatus, 'pending')))
      .returning();
    return profile ?? refuse(db, userId, 'active');
  });
}

/**
 * Expires every active trial whose end date has passed (`active → expired`, subscription `none`);
 * returns the profiles it expired. Safe to run from several schedulers at once.
 *
 * @example
 * const expired = await expireTrials(db);
 */
export function expireTrials(db: OrgDb, now: Date = new Date()): Promise<UserProfile[]> {
  return guarded(() =>
    db
      .update(userProfiles)
      .set({ trialStatus: 'expired', subscriptionStatus: 'none' })
      .where(and(eq(userProfiles.trialStatus, 'active'), lt(userProfiles.trialEndDate, now)))
      .returning(),
  );
}

/**
 * Converts an active (or expired) trial into a paid subscription with its Stripe ids.
 *
 * @example
 * await convertTrial(db, userId, { stripeCustomerId: 'cus_1', stripeSubscriptionId: 'sub_1' });
 */
export function convertTrial(db: OrgDb, userId: string, billing: { stripeCustomerId: string; stripeSubscriptionId: string }): Promise<UserProfile> {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  return guarded(async () => {
    const [profile] = await db
      .update(userProfiles)
      .set({ trialStatus: 'converted', subscriptionStatus: 'active', ...billing })
      .where(and(eq(userProfiles.userId, userId), inArray(userProfiles.trialStatus, ['active', 'expired'])))
      .returning();
    return profile ?? refuse(db, userId, 'converted');
  });
}
