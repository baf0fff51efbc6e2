import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { campaigns } from './campaigns.ts';
import { scrapingJobs } from './scrapingJobs.ts';
import { scrapingResults } from './scrapingResults.ts';

/**
 * Relations of `campaigns`: user, scrapingJobs.
 *
 * @example
 * await db.query.campaigns.findMany({ with: { user: true } });
 */
export const campaignsRelations = relations(campaigns, ({ one, many }) => ({
  user: one(users, { fields: [campaigns.userId], references: [users.id] }),
  scrapingJobs: many(scrapingJobs),
}));

/**
 * Relations of `scrapingJobs`: user, campaign, results.
 *
 * @example
 * await db.query.scrapingJobs.findMany({ with: { user: true } });
 */
export const scrapingJobsRelations = relations(scrapingJobs, ({ one, many }) => ({
  user: one(users, { fields: [scrapingJobs.userId], references: [users.id] }),
  campaign: one(campaigns, { fields: [scrapingJobs.campaignId], references: [campaigns.id] }),
  results: many(scrapingResults),
}));

/**
 * Relations of `scrapingResults`: job.
 *
 * @example
 * await db.query.scrapingResults.findMany({ with: { job: true } });
 */
export const scrapingResultsRelations = relations(scrapingResults, ({ one }) => ({
  job: one(scrapingJobs, { fields: [scrapingResults.jobId], references: [scrapingJobs.id] }),
}));
