import { index, jsonb, pgTable } from 'drizzle-orm/pg-core';
import { primaryId } from '../../columns/primaryId.ts';
import { parentReference } from '../../columns/reference.ts';
import { createdAt } from '../../columns/timestamps.ts';
import type { CreatorResult } from '../../json/creatorResult.ts';
import { scrapingJobs } from './scrapingJobs.ts';

/**
 * One batch of creators a job found; a job's results are the concatenation of its batches.
 *
 * @example
 * const rows = await db.select().from(scrapingResults).limit(10);
 */
export const scrapingResults = pgTable(
  'scraping_results',
  {
    id: primaryId(),
    jobId: parentReference('job_id', () => scrapingJobs.id),
    creators: jsonb('creators').$type<CreatorResult[]>().notNull(),
    ...createdAt(),
  },
  (t) => [
    index('idx_scraping_results_job_id').on(t.jobId),
    index('idx_scraping_results_created_at').on(t.createdAt),
  ],
);
