import { emailCaptures, emailCaptureSchemas, wizardSubmissions, type EmailCapture, type WizardAnswers, type WizardSubmission } from '@org/schema';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { validateInput } from '../repository/validateInput.ts';

/**
 * Captures an email (normalised to lower case) once: a repeat capture touches the existing row
 * instead of failing, and `created` tells the two apart (`xmax = 0` is true only for a fresh insert).
 *
 * @example
 * const { capture, created } = await captureEmail(db, { email: 'Ada@Example.com', source: 'wizard' });
 */
export function captureEmail(db: OrgDb, input: { email: string; source?: string }): Promise<{ capture: EmailCapture; created: boolean }> {
  return guarded(async () => {
    const value = validateInput(emailCaptureSchemas.insert, { email: input.email.trim().toLowerCase(), source: input.source }, 'email capture');
    const [row] = await db
      .insert(emailCaptures)
      .values(value)
      .onConflictDoUpdate({
        target: emailCaptures.email,
        // updated_at is added by the column's $onUpdate: the database's clock_timestamp().
        set: { source: sql`coalesce(${emailCaptures.source}, excluded.source)` },
      })
      .returning({ ...getTableColumns(emailCaptures), created: sql<boolean>`(xmax = 0)` });
    const { created, ...capture } = row!;
    return { capture, created };
  });
}

/**
 * Records the outcome of syncing a capture to ConvertKit.
 *
 * @example
 * await recordConvertkitSync(db, id, { ok: true, subscriberId: 'ck_123' });
 */
export function recordConvertkitSync(db: OrgDb, id: string, outcome: { ok: true; subscriberId: string } | { ok: false; error: string }): Promise<EmailCapture> {
  return guarded(async () => {
    const [row] = await db
      .update(emailCaptures)
      .set(
        outcome.ok
          ? {
              convertkitSyncStatus: 'synced',
              convertkitSubscriberId: outcome.subscriberId,
              convertkitSyncedAt: new Date(),
              convertkitSyncError: null,
              processedAt: new Date(),
            }
          : { convertkitSyncStatus: 'failed', convertkitSyncError: outcome.error.slice(0, 1000), processedAt: new Date() },
      )
      .where(eq(emailCaptures.id, id))
      .returning();
    if (!row) throw new NotFoundError('email_captures', 'id = ?');
    return row;
  });
}

/**
 * Captures waiting for the ConvertKit sync, oldest first (served by the partial index on pending rows).
 *
 * @example
 * for (const capture of await listPendingConvertkitSync(db, 50)) await sync(capture);
 */
export function listPendingConvertkitSync(db: OrgDb, limit = 50) {
  return guarded(() =>
    db
      .select()
      .from(emailCaptures)
      .where(eq(emailCaptures.convertkitSyncStatus, 'pending'))
      .orderBy(asc(emailCaptures.createdAt), asc(emailCaptures.id))
      .limit(Math.min(limit, 500)),
  );
}

/**
 * Records a wizard step: merges its answers into the JSONB answers (`answers || $patch`), marks the
 * step done, and moves `current_step` forward (never back), copying the analytics fields flat.
 *
 * @example
 * await recordWizardStep(db, submissionId, { step: 2, answers: { primary_goal: 'grow' } });
 */
export function recordWizardStep(
  db: OrgDb,
  submissionId: string,
  input: { step: number; answers: WizardAnswers; timeSpentSeconds?: number; wentBack?: boolean },
): Promise<WizardSubmission> {
  return guarded(async () => {
    const flat = {
      ...(typeof input.answers.business_type === 'string' ? { businessType: input.answers.business_type.slice(0, 100) } : {}),
      ...(typeof input.answers.primary_goal === 'string' ? { primaryGoal: input.answers.primary_goal.slice(0, 100) } : {}),
      ...(typeof input.answers.budget_range === 'string' ? { budgetRange: input.answers.budget_range.slice(0, 50) } : {}),
    };
    const [row] = await db
      .update(wizardSubmissions)
      .set({
        ...flat,
        answers: sql`${wizardSubmissions.answers} || ${JSON.stringify(input.answers)}::jsonb`,
        currentStep: sql`least(${wizardSubmissions.totalSteps}, greatest(${wizardSubmissions.currentStep}, ${input.step}))`,
        completedSteps: sql`case when ${String(input.step)} = any(${wizardSubmissions.completedSteps}) then ${wizardSubmissions.completedSteps} else array_append(${wizardSubmissions.completedSteps}, ${String(input.step)}) end`,
        timeSpentSeconds: sql`${wizardSubmissions.timeSpentSeconds} + ${Math.max(0, Math.round(input.timeSpentSeconds ?? 0))}`,
        backNavigations: sql`${wizardSubmissions.backNavigations} + ${input.wentBack ? 1 : 0}`,
        isCompleted: sql`cardinality(array_remove(${wizardSubmissions.completedSteps}, ${String(input.step)})) + 1 >= ${wizardSubmissions.totalSteps}`,
        completedAt: sql`case when cardinality(array_remove(${wizardSubmissions.completedSteps}, ${String(input.step)})) + 1 >= ${wizardSubmissions.totalSteps} then coalesce(${wizardSubmissions.completedAt}, now()) else ${wizardSubmissions.completedAt} end`,
      })
      .where(and(eq(wizardSubmissions.id, submissionId)))
      .returning();
    if (!row) throw new NotFoundError('wizard_submissions', 'id = ?');
    return row;
  });
}
