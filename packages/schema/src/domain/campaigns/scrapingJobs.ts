import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import type { SearchParams } from '../../json/misc.ts';
import { users } from '../identity/users.ts';
import { campaigns } from './campaigns.ts';

/**
 * The platforms searched, in their exact casing.
 *
 * Decision (#13): the default is `'TikTok'`, the casing the seed documents and its CHECK allows; the
 * seed's DDL default `'Tiktok'` was a typo that its own check would refuse. A team's bridging migration
 * rewrites rows holding `'Tiktok'` (`UPDATE scraping_jobs SET platform = 'TikTok' WHERE platform =
 * 'Tiktok'`) before the check is added; code that inserts without a platform gets `'TikTok'`, as the
 * guide intends.
 *
 * @example
 * const isKnown = (scrapingPlatforms as readonly string[]).includes(value);
 */
export const scrapingPlatforms = ['TikTok', 'Instagram', 'YouTube'] as const;
/**
 * A scraping job's states.
 *
 * @example
 * const isKnown = (scrapingJobStatuses as readonly string[]).includes(value);
 */
export const scrapingJobStatuses = ['pending', 'processing', 'completed', 'error', 'timeout'] as const;
/** A scraping job status. */
export type ScrapingJobStatus = (typeof scrapingJobStatuses)[number];

/**
 * The job state machine: `pending → processing → completed | error | timeout`. Finished states are
 * final. @org/queries only moves a job along these edges.
 *
 * @example
 * const canStart = scrapingJobTransitions[job.status].includes('processing');
 */
export const scrapingJobTransitions: Readonly<Record<ScrapingJobStatus, readonly ScrapingJobStatus[]>> = {
  pending: ['processing', 'error', 'timeout'],
  processing: ['completed', 'error', 'timeout'],
  completed: [],
  error: [],
  timeout: [],
};

/**
 * A background platform search of a campaign, with progress tracking (usegemz).
 *
 * @example
 * const rows = await db.select().from(scrapingJobs).limit(10);
 */
export const scrapingJobs = pgTable(
  'scraping_jobs',
  {
    id: primaryId(),
    userId: ownerReference(() => users.id),
    // Decision (#13): nullable, as in usegemz's DDL (`campaign_id UUID REFERENCES campaigns(id)`): the
    // team creates jobs without a campaign, and NOT NULL broke that code and refused its rows on
    // adoption. The foreign key stays, with @org's ON DELETE CASCADE (deleting a campaign deletes its
    // jobs and, through them, their results); a job without a campaign goes with its user. Drizzle
    // types the `campaign` relation `Campaign | null`. Row-level security (migration 0005): the owner
    // sees a job without a campaign; a job with one also needs the campaign to be the owner's.
    campaignId: optionalReference('campaign_id', () => campaigns.id, 'cascade'),
    platform: enumColumn('platform', scrapingPlatforms, 50).default('TikTok').notNull(),
    keywords: jsonb('keywords').$type<string[]>(),
    targetUsername: text('target_username'),
    searchParams: jsonb('search_params').$type<SearchParams>(),
    region: varchar('region', { length: 10 }).default('US').notNull(),
    status: enumColumn('status', scrapingJobStatuses, 20).default('pending').notNull(),
    runId: text('run_id'),
    qstashMessageId: text('qstash_message_id'),
    processedRuns: integer('processed_runs').default(0).notNull(),
    processedResults: integer('processed_results').default(0).notNull(),
    targetResults: integer('target_results').default(1000).notNull(),
    cursor: integer('cursor').default(0),
    // Decision (#13): numeric(5,2), 0..100 with two decimals (the seed: unbounded numeric, 0-100). Read
    // as a decimal string like every numeric here, so no float rounding enters: code doing arithmetic
    // writes Number(job.progress); writes take decimal strings such as '42.50'. Adopted values with more than
    // two decimals are rounded by the cast (33.333 -> 33.33).
    progress: numeric('progress', { precision: 5, scale: 2 }).default('0').notNull(),
    ...timestamps(),
    startedAt: timestamptz('started_at'),
    completedAt: timestamptz('completed_at'),
    timeoutAt: timestamptz('timeout_at'),
    error: text('error'),
  },
  (t) => [
    keysetIndex('scraping_jobs', t.createdAt, t.id),
    enumCheck('scraping_jobs_platform_check', t.platform, scrapingPlatforms),
    enumCheck('scraping_jobs_status_check', t.status, scrapingJobStatuses),
    check('scraping_jobs_progress_check', sql`${t.progress} between 0 and 100`),
    check('scraping_jobs_target_results_check', sql`${t.targetResults} > 0`),
    index('idx_scraping_jobs_status').on(t.status),
    index('idx_scraping_jobs_platform').on(t.platform),
    index('idx_scraping_jobs_user_campaign').on(t.userId, t.campaignId),
    index('idx_scraping_jobs_campaign_id').on(t.campaignId),
  ],
);
