import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import type { EmailScheduleStatus } from '../../json/misc.ts';
import { users } from './users.ts';

/**
 * Onboarding progress, in order.
 *
 * @example
 * const isKnown = (onboardingSteps as readonly string[]).includes(value);
 */
export const onboardingSteps = ['pending', 'info_captured', 'intent_captured', 'completed'] as const;
/**
 * The 7-day trial's states.
 *
 * @example
 * const isKnown = (trialStatuses as readonly string[]).includes(value);
 */
export const trialStatuses = ['pending', 'active', 'expired', 'cancelled', 'converted'] as const;
/**
 * Stripe subscription states as mirrored here.
 *
 * @example
 * const isKnown = (subscriptionStatuses as readonly string[]).includes(value);
 */
export const subscriptionStatuses = ['none', 'trialing', 'active', 'past_due', 'canceled'] as const;

/**
 * One profile per user: onboarding, the trial, billing ids and the admin flag (usegemz).
 *
 * @example
 * const rows = await db.select().from(userProfiles).limit(10);
 */
export const userProfiles = pgTable(
  'user_profiles',
  {
    id: primaryId(),
    userId: ownerReference(() => users.id).unique('user_profiles_user_id_key'),
    email: text('email'),
    name: text('name'),
    companyName: text('company_name'),
    industry: text('industry'),
    signupTimestamp: timestamptz('signup_timestamp').defaultNow().notNull(),
    onboardingStep: enumColumn('onboarding_step', onboardingSteps, 50).default('pending').notNull(),
    fullName: text('full_name'),
    businessName: text('business_name'),
    brandDescription: text('brand_description'),
    emailScheduleStatus: jsonb('email_schedule_status').$type<EmailScheduleStatus>().default({}).notNull(),
    trialStartDate: timestamptz('trial_start_date'),
    trialEndDate: timestamptz('trial_end_date'),
    trialStatus: enumColumn('trial_status', trialStatuses, 20).default('pending').notNull(),
    stripeCustomerId: text('stripe_customer_id'),
    stripeSubscriptionId: text('stripe_subscription_id'),
    subscriptionStatus: enumColumn('subscription_status', subscriptionStatuses, 20).default('none').notNull(),
    isAdmin: boolean('is_admin').default(false).notNull(),
    ...timestamps(),
  },
  (t) => [
    keysetIndex('user_profiles', t.createdAt, t.id),
    enumCheck('user_profiles_onboarding_step_check', t.onboardingStep, onboardingSteps),
    enumCheck('user_profiles_trial_status_check', t.trialStatus, trialStatuses),
    enumCheck('user_profiles_subscription_status_check', t.subscriptionStatus, subscriptionStatuses),
    index('idx_user_profiles_trial_status').on(t.trialStatus),
    index('idx_user_profiles_trial_dates').on(t.trialStartDate, t.trialEndDate),
    index('idx_user_profiles_stripe_customer').on(t.stripeCustomerId),
    index('idx_user_profiles_is_admin').on(t.isAdmin).where(sql`${t.isAdmin} = true`),
    index('idx_user_profiles_admin_details').on(t.isAdmin, t.fullName, t.email, t.updatedAt),
  ],
);
