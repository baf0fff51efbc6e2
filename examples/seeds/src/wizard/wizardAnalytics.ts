// The wizard app's analytics: "flat fields for analytics", "JSONB for complex data", "engagement
// metrics". Group-bys read the flat columns; one-off questions read the JSONB answers.
import { execute, type OrgDb } from '@org/queries';
import { wizardSubmissions } from '@org/schema';
import { gte, sql } from 'drizzle-orm';

/** Funnel figures of one business type. */
export interface WizardFunnelRow {
  businessType: string | null;
  started: number;
  completed: number;
  /** Completed per started, 0–1, rounded to 4 places. */
  completionRate: number;
  avgTimeSpentSeconds: number;
  avgBackNavigations: number;
}

/**
 * Runs started and completed, completion rate and engagement per business type (the flat column),
 * since a date; the biggest group first.
 *
 * @example
 * const rows = await wizardFunnel(db, new Date(Date.now() - 7 * 86_400_000));
 */
export async function wizardFunnel(db: OrgDb, since: Date): Promise<WizardFunnelRow[]> {
  const w = wizardSubmissions;
  return await db
    .select({
      businessType: w.businessType,
      started: sql<number>`count(*)::int`.mapWith(Number),
      completed: sql<number>`(count(*) filter (where ${w.isCompleted}))::int`.mapWith(Number),
      completionRate: sql<number>`round((count(*) filter (where ${w.isCompleted}))::numeric / count(*), 4)`.mapWith(Number),
      avgTimeSpentSeconds: sql<number>`round(avg(${w.timeSpentSeconds}), 2)`.mapWith(Number),
      avgBackNavigations: sql<number>`round(avg(${w.backNavigations}), 2)`.mapWith(Number),
    })
    .from(w)
    // gte() binds the Date through the column's mapper; a Date inside raw sql`` fails on postgres.js.
    .where(gte(w.createdAt, since))
    .groupBy(w.businessType)
    .orderBy(sql`count(*) desc`, sql`${w.businessType} nulls last`);
}

/**
 * How often each answer to one question was given, from the JSONB answers (for questions that have no
 * flat column). The key is bound as a parameter, never spliced into the SQL.
 *
 * @example
 * const counts = await answerCounts(db, 'team_size'); // [{ answer: '2-10', count: 12 }, …]
 */
export async function answerCounts(db: OrgDb, questionKey: string): Promise<{ answer: string; count: number }[]> {
  const rows = await execute<{ answer: string; count: string }>(
    db,
    sql`select answers ->> ${questionKey} as answer, count(*)::text as count
        from wizard_submissions where answers ? ${questionKey}
        group by 1 order by count(*) desc, 1`,
  );
  return rows.map((r) => ({ answer: r.answer, count: Number(r.count) }));
}
