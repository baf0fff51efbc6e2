import { sql } from 'drizzle-orm';
import { boolean, check, index, inet, integer, jsonb, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import type { WizardAnswers } from '../../json/misc.ts';
import { users } from '../identity/users.ts';
import { emailCaptures } from './emailCaptures.ts';

/**
 * One run through the onboarding wizard: step tracking, the answers as JSONB, the answers analytics
 * groups by as flat columns, and engagement metrics.
 *
 * @example
 * const rows = await db.select().from(wizardSubmissions).limit(10);
 */
export const wizardSubmissions = pgTable(
  'wizard_submissions',
  {
    id: primaryId(),
    emailCaptureId: optionalReference('email_capture_id', () => emailCaptures.id),
    userId: optionalReference('user_id', () => users.id),
    sessionId: text('session_id').notNull(),
    currentStep: integer('current_step').default(1).notNull(),
    totalSteps: integer('total_steps').notNull(),
    completedSteps: text('completed_steps').array().default(sql`'{}'::text[]`).notNull(),
    isCompleted: boolean('is_completed').default(false).notNull(),
    answers: jsonb('answers').$type<WizardAnswers>().default({}).notNull(),
    // Flat copies of the answers analytics groups by.
    businessType: varchar('business_type', { length: 100 }),
    primaryGoal: varchar('primary_goal', { length: 100 }),
    budgetRange: varchar('budget_range', { length: 50 }),
    // Engagement.
    timeSpentSeconds: integer('time_spent_seconds').default(0).notNull(),
    backNavigations: integer('back_navigations').default(0).notNull(),
    ipAddress: inet('ip_address'),
    userAgent: text('user_agent'),
    utmSource: text('utm_source'),
    ...timestamps(),
    completedAt: timestamptz('completed_at'),
  },
  (t) => [
    keysetIndex('wizard_submissions', t.createdAt, t.id),
    check('wizard_submissions_step_check', sql`${t.currentStep} between 1 and ${t.totalSteps}`),
    index('idx_wizard_submissions_session').on(t.sessionId),
    index('idx_wizard_submissions_completed').on(t.isCompleted, t.createdAt),
  ],
);
