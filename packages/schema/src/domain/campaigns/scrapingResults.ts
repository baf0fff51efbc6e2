import { index, jsonb, pgTable } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
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
    // Decision (#13): nullable, as in usegemz's DDL (`job_id UUID REFERENCES scraping_jobs(id)`): the
    // team stores result batches without a job, and NOT NULL broke that code and refused its rows on
    // adoption. The foreign key stays, with ON DELETE CASCADE (a job's batches go with it). A batch
    // without a job belongs to no user: row-level security (scraping_results_owner goes through the job)
    // hides it from every scoped user; only an unscoped connection (admin, cleanup) reads it. Drizzle
    // types the `job` relation `ScrapingJob | null`.
    jobId: optionalReference('job_id', () => scrapingJobs.id, 'cascade'),
    creators: jsonb('creators').$type<CreatorResult[]>().notNull(),
    ...createdAt(),
  },
  (t) => [
    keysetIndex('scraping_results', t.createdAt, t.id),
    index('idx_scraping_results_job_id').on(t.jobId),
    index('idx_scraping_results_created_at').on(t.createdAt),
  ],
);
