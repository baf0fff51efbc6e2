import {
  campaigns,
  campaignSchemas,
  scrapingJobs,
  scrapingJobSchemas,
  scrapingJobTransitions,
  scrapingResults,
  type Campaign,
  type CreatorResult,
  type NewCampaign,
  type NewScrapingJob,
  type ScrapingJob,
  type ScrapingJobStatus,
} from '@org/schema';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { IllegalTransitionError, NotFoundError, ValidationError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { rowsOf } from '../driver/resultRows.ts';
import { validateInput } from '../repository/validateInput.ts';
import { transaction } from '../transactions/transaction.ts';
import { orgRepositoriesFor } from './orgRepositories.ts';
import { invalidUserIds } from './userIds.ts';

/**
 * Creates a campaign and its first scraping job together (both owned by `userId`).
 *
 * @example
 * const { campaign, job } = await createCampaignWithJob(db, userId,
 *   { name: 'TikTok fitness', searchType: 'keyword', status: 'active' },
 *   { platform: 'TikTok', keywords: ['fitness', 'workout'] });
 */
export async function createCampaignWithJob(
  db: OrgDb,
  userId: string,
  campaign: Omit<NewCampaign, 'userId'>,
  job: Omit<NewScrapingJob, 'userId' | 'campaignId'>,
): Promise<{ campaign: Campaign; job: ScrapingJob }> {
  const bad = invalidUserIds({ userId });
  if (bad) throw bad;
  const campaignValue = validateInput(campaignSchemas.insert, { ...campaign, userId }, 'campaign');
  const jobValue = validateInput(scrapingJobSchemas.insert.omit({ campaignId: true }), { ...job, userId }, 'scraping job');
  return transaction(db, async (tx) => {
    const [c] = await tx.insert(campaigns).values(campaignValue).returning();
    const [j] = await tx
      .insert(scrapingJobs)
      .values({ ...jobValue, campaignId: c!.id })
      .returning();
    return { campaign: c!, job: j! };
  });
}

/**
 * A job with its campaign and its result batches (newest first).
 *
 * @example
 * const job = await getJobWithResults(db, jobId);
 */
export function getJobWithResults(db: OrgDb, jobId: string) {
  return orgRepositoriesFor(db).scrapingJobs.findFirstWith({
    where: eq(scrapingJobs.id, jobId),
    with: { campaign: true, results: { orderBy: [desc(scrapingResults.createdAt), desc(scrapingResults.id)] } },
  });
}

/**
 * Moves a job along its state machine (`pending → processing → completed | error | timeout`) with one
 * conditional UPDATE, so two workers can never both move it; stamps `started_at` / `completed_at`.
 * An illegal move is an {@link IllegalTransitionError}, a missing job a {@link NotFoundError}.
 *
 * @example
 * await transitionJob(db, job.id, 'processing');
 * await transitionJob(db, job.id, 'error', { error: 'upstream 503' });
 */
export function transitionJob(db: OrgDb, jobId: string, to: ScrapingJobStatus, options: { error?: string } = {}): Promise<ScrapingJob> {
  return guarded(async () => {
    const from = (Object.keys(scrapingJobTransitions) as ScrapingJobStatus[]).filter((s) => scrapingJobTransitions[s].includes(to));
    if (from.length === 0) throw new IllegalTransitionError('scraping job', '*', to);
    const finished = to === 'completed' || to === 'error' || to === 'timeout';
    const [job] = await db
      .update(scrapingJobs)
      .set({
        status: to,
        ...(to === 'processing' ? { startedAt: new Date() } : {}),
        ...(finished ? { completedAt: new Date() } : {}),
        ...(to === 'completed' ? { progress: '100' } : {}),
        ...(options.error !== undefined ? { error: options.error.slice(0, 2000) } : {}),
      })
      .where(and(eq(scrapingJobs.id, jobId), inArray(scrapingJobs.status, from)))
      .returning();
    if (job) return job;
    const [current] = await db.select({ status: scrapingJobs.status }).from(scrapingJobs).where(eq(scrapingJobs.id, jobId));
    if (!current) throw new NotFoundError('scraping_jobs', 'id = ?');
    throw new IllegalTransitionError('scraping job', current.status, to);
  });
}

/**
 * Adds one API run's worth of results to a job's progress, atomically in SQL (no read-modify-write
 * race between workers): runs + 1, results + n, progress = results / target, capped at 100.
 *
 * @example
 * const job = await recordJobProgress(db, jobId, creators.length);
 */
export function recordJobProgress(db: OrgDb, jobId: string, newResults: number): Promise<ScrapingJob> {
  if (!Number.isInteger(newResults) || newResults < 0) return Promise.reject(new ValidationError('newResults must be a non-negative integer'));
  return guarded(async () => {
    const [job] = await db
      .update(scrapingJobs)
      .set({
        processedRuns: sql`${scrapingJobs.processedRuns} + 1`,
        processedResults: sql`${scrapingJobs.processedResults} + ${newResults}`,
        progress: sql`least(100, round(100.0 * (${scrapingJobs.processedResults} + ${newResults}) / ${scrapingJobs.targetResults}, 2))`,
      })
      .where(eq(scrapingJobs.id, jobId))
      .returning();
    if (!job) throw new NotFoundError('scraping_jobs', 'id = ?');
    return job;
  });
}

/**
 * Stores a batch of creators and advances the job's progress by its size, in one transaction.
 *
 * @example
 * await saveJobResults(db, jobId, creators);
 */
export function saveJobResults(db: OrgDb, jobId: string, creators: CreatorResult[]) {
  return transaction(db, async (tx) => {
    const [batch] = await tx.insert(scrapingResults).values({ jobId, creators }).returning();
    const job = await recordJobProgress(tx, jobId, creators.length);
    return { batch: batch!, job };
  });
}

/**
 * Every creator a job found, flattened from its result batches in SQL (newest batch first, each
 * batch in its own order).
 *
 * @example
 * const creators = await getAllCreatorsForJob(db, jobId);
 */
export function getAllCreatorsForJob(db: OrgDb, jobId: string): Promise<CreatorResult[]> {
  return guarded(async () => {
    const result = await db.execute(sql`
      select e.value as creator
      from ${scrapingResults} r
      cross join lateral jsonb_array_elements(r.creators) with ordinality as e(value, ord)
      where r.job_id = ${jobId}
      order by r.created_at desc, r.id desc, e.ord`);
    return rowsOf<{ creator: CreatorResult | string }>(result).map((r) =>
      typeof r.creator === 'string' ? (JSON.parse(r.creator) as CreatorResult) : r.creator,
    );
  });
}
