// Seed 003 (the wizard app): every feature and command its schema-management guide documents, written
// against @org in src/wizard, run on the engine of this project (PGlite, or PostgreSQL in
// `seeds (postgres)`).
import { orgMigrationsFolder, readMigrationFolder } from '@org/migrations';
import {
  CheckViolationError,
  ConfigurationError,
  createDatabase,
  createRepository,
  ForeignKeyViolationError,
  NotFoundError,
  UniqueViolationError,
  ValidationError,
} from '@org/queries';
import { emailCaptures } from '@org/schema';
import { orgTest as test } from '@org/testing/vitest';
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { createWizardDatabase } from '../src/wizard/client.ts';
import { captureWizardEmail, syncPendingCaptures } from '../src/wizard/emailCaptures.ts';
import { autoMigrate, forceMigrate, migrateOnRequest, schemaStatus } from '../src/wizard/migrations.ts';
import { conversionFunnel, getUserJourney, signUpFromCapture, trackConversion } from '../src/wizard/usersAndEvents.ts';
import { answerCounts, wizardFunnel } from '../src/wizard/wizardAnalytics.ts';
import { resumeWizard, saveWizardStep, startWizard } from '../src/wizard/wizardSteps.ts';
import { emptyDatabase } from './support/emptyDatabase.ts';

const DAY = 86_400_000;
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('wizard email captures', () => {
  test('unique per address: a repeat capture in another case returns the same row, no ON CONFLICT error', async ({ db }) => {
    const first = await captureWizardEmail(db, ' Ada@Example.test ');
    expect(first).toMatchObject({ created: true, capture: { email: 'ada@example.test', source: 'wizard', convertkitSyncStatus: 'pending' } });
    const again = await captureWizardEmail(db, 'ADA@example.test', 'footer');
    expect(again.created).toBe(false);
    expect(again.capture.id).toBe(first.capture.id);
    expect(again.capture.source).toBe('wizard'); // the first source is kept
    expect(await db.$count(emailCaptures)).toBe(1);
    // The constraint itself, for writers that bypass captureEmail (last: it aborts the test's transaction).
    await expect(createRepository(db, emailCaptures).create({ email: 'ada@example.test' })).rejects.toBeInstanceOf(UniqueViolationError);
  });

  test('ConvertKit sync: pending oldest first, synced with its subscriber id, failed with the error, processed timestamps', async ({ db }) => {
    const bad = await captureWizardEmail(db, 'bounce@example.test');
    const ok = await captureWizardEmail(db, 'ok@example.test');
    // One test transaction gives both the same now(): make the later capture the older one, so the
    // order below can only come from created_at.
    await db
      .update(emailCaptures)
      .set({ createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(emailCaptures.id, ok.capture.id));
    const seen: string[] = [];
    const recorded = await syncPendingCaptures(db, async (email) => {
      seen.push(email);
      if (email.startsWith('bounce')) throw new Error('ConvertKit: 422 invalid email');
      return { subscriberId: 'ck_42' };
    });
    expect(seen).toEqual(['ok@example.test', 'bounce@example.test']);
    const byId = new Map(recorded.map((c) => [c.id, c]));
    expect(byId.get(ok.capture.id)).toMatchObject({ convertkitSyncStatus: 'synced', convertkitSubscriberId: 'ck_42', convertkitSyncError: null });
    expect(byId.get(ok.capture.id)!.convertkitSyncedAt).toBeInstanceOf(Date);
    expect(byId.get(bad.capture.id)).toMatchObject({
      convertkitSyncStatus: 'failed',
      convertkitSyncError: 'ConvertKit: 422 invalid email',
      convertkitSyncedAt: null,
    });
    expect(byId.get(bad.capture.id)!.processedAt).toBeInstanceOf(Date);
    // Nothing is pending any more: a second run sends nothing.
    expect(await syncPendingCaptures(db, async () => ({ subscriberId: 'never' }))).toEqual([]);
  });
});

describe('wizard submissions', () => {
  test('step tracking: answers merged into JSONB, flat fields copied, engagement summed, completed at the last step', async ({ db }) => {
    const { capture } = await captureWizardEmail(db, 'steps@example.test');
    const run = await startWizard(db, { sessionId: 'sess-1', totalSteps: 3, emailCaptureId: capture.id, utmSource: 'google' });
    expect(run).toMatchObject({ currentStep: 1, completedSteps: [], isCompleted: false, answers: {} });
    await saveWizardStep(db, run.id, 1, { business_type: 'agency' }, { timeSpentSeconds: 20 });
    await saveWizardStep(db, run.id, 2, { primary_goal: 'grow', team_size: '2-10' }, { timeSpentSeconds: 15 });
    const back = await saveWizardStep(db, run.id, 1, { business_type: 'studio' }, { timeSpentSeconds: 5, wentBack: true });
    expect(back).toMatchObject({ currentStep: 2, completedSteps: ['1', '2'], isCompleted: false, businessType: 'studio', backNavigations: 1 });
    const done = await saveWizardStep(db, run.id, 3, { budget_range: '1k-5k' }, { timeSpentSeconds: 10 });
    expect(done).toMatchObject({
      currentStep: 3,
      isCompleted: true,
      answers: { business_type: 'studio', primary_goal: 'grow', team_size: '2-10', budget_range: '1k-5k' },
      businessType: 'studio',
      primaryGoal: 'grow',
      budgetRange: '1k-5k',
      timeSpentSeconds: 50,
    });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect((await resumeWizard(db, 'sess-1'))?.id).toBe(run.id);
    expect(await resumeWizard(db, 'sess-unknown')).toBeUndefined();
    await expect(saveWizardStep(db, MISSING, 1, {})).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a run with an impossible step count is refused by the check constraint, typed', async ({ db }) => {
    // current_step (default 1) must lie between 1 and total_steps.
    await expect(startWizard(db, { sessionId: 's', totalSteps: 0 })).rejects.toBeInstanceOf(CheckViolationError);
  });

  test('analytics on flat fields and JSONB answers: funnel per business type and answer counts', async ({ db, factories }) => {
    await factories.wizardSubmissions.createList(3, (i) => ({
      businessType: 'agency',
      timeSpentSeconds: [30, 60, 90][i]!,
      backNavigations: [0, 1, 2][i]!,
      answers: { team_size: ['2-10', '2-10', '11-50'][i]! },
    }));
    await factories.wizardSubmissions.create({ businessType: 'agency', timeSpentSeconds: 120 }, { traits: ['completed'] });
    await factories.wizardSubmissions.create({ businessType: 'shop', answers: { team_size: '1' } }, { traits: ['completed'] });
    const funnel = await wizardFunnel(db, new Date(Date.now() - DAY));
    expect(funnel).toEqual([
      { businessType: 'agency', started: 4, completed: 1, completionRate: 0.25, avgTimeSpentSeconds: 75, avgBackNavigations: 0.75 },
      { businessType: 'shop', started: 1, completed: 1, completionRate: 1, avgTimeSpentSeconds: 0, avgBackNavigations: 0 },
    ]);
    expect(await wizardFunnel(db, new Date(Date.now() + DAY))).toEqual([]);
    expect(await answerCounts(db, 'team_size')).toEqual([
      { answer: '2-10', count: 2 },
      { answer: '1', count: 1 },
      { answer: '11-50', count: 1 },
    ]);
    expect(await answerCounts(db, "x' or 1=1 --")).toEqual([]);
  });
});

describe('wizard users and events', () => {
  test('sign-up from a capture: one user per email, a profile, the runs linked; the journey reads them back', async ({ db }) => {
    const { capture } = await captureWizardEmail(db, 'journey@example.test');
    const run = await startWizard(db, { sessionId: 'sess-j', totalSteps: 2, emailCaptureId: capture.id });
    const user = await signUpFromCapture(db, capture.id, { name: 'Ada', companyName: 'Engines Ltd' });
    const again = await signUpFromCapture(db, capture.id, { name: 'Ada L.' });
    expect(again.id).toBe(user.id);
    await trackConversion(db, user.id, 'wizard_completed');
    await trackConversion(db, user.id, 'trial_started', { plan: 'pro' });
    const journey = await getUserJourney(db, user.id);
    expect(journey?.email).toBe('journey@example.test');
    expect(journey?.profile).toMatchObject({ companyName: 'Engines Ltd', onboardingStep: 'info_captured' });
    expect(journey?.wizardSubmissions.map((w) => w.id)).toEqual([run.id]);
    expect(journey?.analyticsEvents.map((e) => e.eventType).sort()).toEqual(['trial_started', 'wizard_completed']);
    await expect(signUpFromCapture(db, MISSING, { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  test('conversion funnel counts distinct users; the foreign keys refuse events of unknown users, typed', async ({ db, factories }) => {
    const [a, b] = await factories.users.createList(2);
    await trackConversion(db, a!.id, 'wizard_completed');
    await trackConversion(db, a!.id, 'wizard_completed');
    await trackConversion(db, b!.id, 'wizard_completed');
    await trackConversion(db, b!.id, 'trial_started');
    expect(await conversionFunnel(db, new Date(Date.now() - DAY))).toEqual({ wizard_completed: 2, trial_started: 1 });
    await expect(trackConversion(db, MISSING, 'trial_started')).rejects.toBeInstanceOf(ForeignKeyViolationError);
    await expect(trackConversion(db, 'user_123', 'trial_started')).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('wizard schema management', () => {
  test('an unset POSTGRES_URL is a ConfigurationError, not a silent default', () => {
    expect(() => createWizardDatabase({})).toThrow(ConfigurationError);
  });

  test('automatic migrations: applied once and cached, forced past the cache, triggered only with MIGRATION_SECRET, status read back', async () => {
    const empty = await emptyDatabase('seeds_wizard');
    const database = empty.url ? createWizardDatabase({ POSTGRES_URL: empty.url }) : createDatabase({ pglite: true });
    try {
      const files = readMigrationFolder(orgMigrationsFolder()).map((f) => f.name);
      const [first, concurrent] = await Promise.all([autoMigrate(database), autoMigrate(database)]);
      expect(first.applied.map((m) => m.name)).toEqual(files);
      expect(concurrent).toBe(first); // one run for both callers
      expect(await autoMigrate(database)).toBe(first); // cached: the database is not asked again
      expect((await forceMigrate(database)).applied).toEqual([]);

      expect(await migrateOnRequest(database, {}, 'anything')).toEqual({ status: 404 });
      expect(await migrateOnRequest(database, { MIGRATION_SECRET: 's3cret-token' }, 's3cret-tokex')).toEqual({ status: 401 });
      expect(await migrateOnRequest(database, { MIGRATION_SECRET: 's3cret-token' }, undefined)).toEqual({ status: 401 });
      const ok = await migrateOnRequest(database, { MIGRATION_SECRET: 's3cret-token' }, 's3cret-token');
      expect(ok.status).toBe(200);
      expect(ok.result?.applied).toEqual([]);

      const { migrations, schema } = await schemaStatus(database);
      expect(migrations).toMatchObject({ upToDate: true, counts: { applied: files.length } });
      expect(schema.tables['public.email_captures']?.constraints.email_captures_email_key).toMatchObject({ type: 'unique', definition: 'UNIQUE (email)' });
      expect(Object.keys(schema.tables['public.wizard_submissions']?.indexes ?? {}).sort()).toEqual([
        'idx_wizard_submissions_completed',
        'idx_wizard_submissions_session',
        'wizard_submissions_created_at_id_keyset_idx',
      ]);
      expect(schema.tables['public.analytics_events']?.constraints).toSatisfy(
        (c: Record<string, { type: string }>) => Object.values(c).filter((x) => x.type === 'foreign key').length === 2,
      );
    } finally {
      await database.close();
      await empty.drop();
    }
  });
});
