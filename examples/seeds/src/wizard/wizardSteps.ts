// The wizard app's submissions: one per run through the wizard, step by step.
import { createRepository, recordWizardStep, type OrgDb } from '@org/queries';
import { wizardSubmissions, type WizardAnswers, type WizardSubmission } from '@org/schema';
import { desc, eq } from 'drizzle-orm';

/** What a new wizard run knows when it starts. */
export interface StartWizard {
  sessionId: string;
  totalSteps: number;
  emailCaptureId?: string;
  utmSource?: string;
  ipAddress?: string;
  userAgent?: string;
}

/**
 * Starts a wizard run at step 1 (validated by @org's zod schema before any SQL).
 *
 * @example
 * const submission = await startWizard(db, { sessionId, totalSteps: 4 });
 */
export function startWizard(db: OrgDb, input: StartWizard): Promise<WizardSubmission> {
  return createRepository(db, wizardSubmissions).create(input);
}

/**
 * Saves one step: its answers are merged into the JSONB answers, the analytics fields copied flat,
 * time and back navigations added up; the run completes when every step is done.
 *
 * @example
 * await saveWizardStep(db, submission.id, 2, { business_type: 'agency' }, { timeSpentSeconds: 30 });
 */
export function saveWizardStep(
  db: OrgDb,
  submissionId: string,
  step: number,
  answers: WizardAnswers,
  engagement: { timeSpentSeconds?: number; wentBack?: boolean } = {},
): Promise<WizardSubmission> {
  return recordWizardStep(db, submissionId, { step, answers, ...engagement });
}

/**
 * The latest run of a browser session, to resume where it stopped.
 *
 * @example
 * const run = await resumeWizard(db, sessionId);
 */
export async function resumeWizard(db: OrgDb, sessionId: string): Promise<WizardSubmission | undefined> {
  const [row] = await db
    .select()
    .from(wizardSubmissions)
    .where(eq(wizardSubmissions.sessionId, sessionId))
    .orderBy(desc(wizardSubmissions.createdAt), desc(wizardSubmissions.id))
    .limit(1);
  return row;
}
