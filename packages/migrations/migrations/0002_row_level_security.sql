-- Row-level security on user-owned tables. A role that is not the tables' owner (the app's scoped
-- role) sees and writes only the rows of the user set with set_config('org.user_id', <uuid>, true)
-- inside its transaction. With no user set, org_current_user_id() is null and every policy denies.
-- The owner (the migrations role) and superusers bypass RLS, as PostgreSQL does without FORCE.
CREATE OR REPLACE FUNCTION org_current_user_id() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('org.user_id', true), '')::uuid $$;
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_owner ON "users" USING (id = org_current_user_id()) WITH CHECK (id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "user_profiles" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY user_profiles_owner ON "user_profiles" USING (user_id = org_current_user_id()) WITH CHECK (user_id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY projects_owner ON "projects" USING (user_id = org_current_user_id()) WITH CHECK (user_id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "campaigns" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY campaigns_owner ON "campaigns" USING (user_id = org_current_user_id()) WITH CHECK (user_id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "scraping_jobs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY scraping_jobs_owner ON "scraping_jobs" USING (user_id = org_current_user_id()) WITH CHECK (user_id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_owner ON "sessions" USING (user_id = org_current_user_id()) WITH CHECK (user_id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "prompts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY prompts_owner ON "prompts" USING (user_id = org_current_user_id()) WITH CHECK (user_id = org_current_user_id());
--> statement-breakpoint
ALTER TABLE "conversations" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY conversations_owner ON "conversations" USING (exists (select 1 from projects p where p.id = conversations.project_id and p.user_id = org_current_user_id())) WITH CHECK (exists (select 1 from projects p where p.id = conversations.project_id and p.user_id = org_current_user_id()));
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY messages_owner ON "messages" USING (exists (select 1 from conversations c join projects p on p.id = c.project_id where c.id = messages.conversation_id and p.user_id = org_current_user_id())) WITH CHECK (exists (select 1 from conversations c join projects p on p.id = c.project_id where c.id = messages.conversation_id and p.user_id = org_current_user_id()));
--> statement-breakpoint
ALTER TABLE "artifacts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY artifacts_owner ON "artifacts" USING (exists (select 1 from projects p where p.id = artifacts.project_id and p.user_id = org_current_user_id())) WITH CHECK (exists (select 1 from projects p where p.id = artifacts.project_id and p.user_id = org_current_user_id()));
--> statement-breakpoint
ALTER TABLE "scraping_results" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY scraping_results_owner ON "scraping_results" USING (exists (select 1 from scraping_jobs j where j.id = scraping_results.job_id and j.user_id = org_current_user_id())) WITH CHECK (exists (select 1 from scraping_jobs j where j.id = scraping_results.job_id and j.user_id = org_current_user_id()));
