import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { campaigns } from './campaigns.ts';
import { scrapingJobs } from './scrapingJobs.ts';
import { scrapingResults } from './scrapingResults.ts';

export const campaignsRelations = relations(campaigns, ({ one, many }) => ({
  user: one(users, { fields: [campaigns.userId], references: [users.id] }),
  scrapingJobs: many(scrapingJobs),
}));

export const scrapingJobsRelations = relations(scrapingJobs, ({ one, many }) => ({
  user: one(users, { fields: [scrapingJobs.userId], references: [users.id] }),
  campaign: one(campaigns, { fields: [scrapingJobs.campaignId], references: [campaigns.id] }),
  results: many(scrapingResults),
}));

export const scrapingResultsRelations = relations(scrapingResults, ({ one }) => ({
  job: one(scrapingJobs, { fields: [scrapingResults.jobId], references: [scrapingJobs.id] }),
}));
