-- Scraping jobs without a campaign and result batches without a job (#13): usegemz's DDL has both
-- parents nullable and its code relies on it. The two ALTERs are drizzle-kit's, from @org/schema; the
-- foreign keys and their ON DELETE CASCADE are unchanged. DROP NOT NULL only relaxes: no rewrite, no
-- scan, a brief ACCESS EXCLUSIVE lock.
-- Row-level security: 0003's scraping_jobs_owner required the job's campaign to be the owner's, which
-- would hide a job without a campaign from its own user; it now asks that only of a job that has one.
-- scraping_results_owner is unchanged: a batch without a job belongs to no scoped user (like anonymous
-- analytics events), so only an unscoped connection reads it.
ALTER TABLE "scraping_jobs" ALTER COLUMN "campaign_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "scraping_results" ALTER COLUMN "job_id" DROP NOT NULL;--> statement-breakpoint
DROP POLICY scraping_jobs_owner ON "scraping_jobs";--> statement-breakpoint
CREATE POLICY scraping_jobs_owner ON "scraping_jobs"
  USING (user_id = (select org_current_user_id()) AND (campaign_id IS NULL OR exists (select 1 from campaigns c where c.id = scraping_jobs.campaign_id and c.user_id = (select org_current_user_id()))))
  WITH CHECK (user_id = (select org_current_user_id()) AND (campaign_id IS NULL OR exists (select 1 from campaigns c where c.id = scraping_jobs.campaign_id and c.user_id = (select org_current_user_id()))));
