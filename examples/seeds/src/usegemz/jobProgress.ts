// Guide: "Update Job Progress" and the job status flow (pending → processing → completed | error |
// timeout).
import { recordJobProgress, transitionJob, type OrgDb } from '@org/queries';
import { scrapingJobs, type ScrapingJob } from '@org/schema';
import { eq } from 'drizzle-orm';

/**
 * The team's progress helper: percent of the target reached, capped at 100.
 *
 * @example
 * calculateProgress(250, 1000); // 25
 */
export function calculateProgress(processedResults: number, targetResults: number): number {
  return Math.min(100, (processedResults / targetResults) * 100);
}

/**
 * Update Job Progress, the guide's read-modify-write (the caller holds `job` as read before the run).
 * Two workers updating one job at once can lose a run this way; `recordJobProgress` (below) does the
 * same in one UPDATE and cannot.
 *
 * @example
 * await updateJobProgress(db, job, newCreators.length);
 */
export async function updateJobProgress(db: OrgDb, job: ScrapingJob, newCreatorsCount: number): Promise<void> {
  const newProcessedResults = job.processedResults + newCreatorsCount;
  await db
    .update(scrapingJobs)
    .set({
      processedRuns: job.processedRuns + 1,
      processedResults: newProcessedResults,
      // guide: progress: calculateProgress(…) — progress is numeric(5,2), read and written as a decimal string
      progress: calculateProgress(newProcessedResults, job.targetResults).toFixed(2),
      updatedAt: new Date(),
    })
    .where(eq(scrapingJobs.id, job.id));
}

/**
 * The race-free form of the same update: one statement, runs + 1, results + n, progress recomputed.
 *
 * @example
 * const job = await updateJobProgressAtomically(db, jobId, newCreators.length);
 */
export function updateJobProgressAtomically(db: OrgDb, jobId: string, newCreatorsCount: number): Promise<ScrapingJob> {
  return recordJobProgress(db, jobId, newCreatorsCount);
}

/**
 * The QStash worker's moves along the documented status flow; an illegal move (a finished job started
 * again, a second worker taking a job) is an IllegalTransitionError, never a silent overwrite.
 *
 * @example
 * await startJob(db, jobId); … await finishJob(db, jobId); // or failJob(db, jobId, 'upstream 503')
 */
export function startJob(db: OrgDb, jobId: string): Promise<ScrapingJob> {
  return transitionJob(db, jobId, 'processing');
}

/** Marks a job completed (progress 100). @example await finishJob(db, jobId); */
export function finishJob(db: OrgDb, jobId: string): Promise<ScrapingJob> {
  return transitionJob(db, jobId, 'completed');
}

/** Marks a job failed with its error text. @example await failJob(db, jobId, 'upstream 503'); */
export function failJob(db: OrgDb, jobId: string, error: string): Promise<ScrapingJob> {
  return transitionJob(db, jobId, 'error', { error });
}

/** Marks a job timed out. @example await timeOutJob(db, jobId); */
export function timeOutJob(db: OrgDb, jobId: string): Promise<ScrapingJob> {
  return transitionJob(db, jobId, 'timeout');
}
