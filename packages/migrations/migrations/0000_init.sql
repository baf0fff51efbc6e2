CREATE TABLE "activity_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" varchar(50) NOT NULL,
	"project_id" uuid,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_log_type_check" CHECK ("activity_log"."type" in ('project_created', 'project_updated', 'project_transfer', 'project_deleted', 'project_restored'))
);
--> statement-breakpoint
CREATE TABLE "analytics_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid,
	"user_id" uuid,
	"session_id" text,
	"event_type" varchar(100) NOT NULL,
	"page_url" text,
	"referrer" text,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "artifacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"type" varchar(50) NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"action" varchar(20) NOT NULL,
	"table_name" varchar(63) NOT NULL,
	"record_id" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_logs_action_check" CHECK ("audit_logs"."action" in ('INSERT', 'UPDATE', 'DELETE', 'SOFT_DELETE', 'RESTORE'))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"search_type" varchar(20) NOT NULL,
	"status" varchar(20) DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "campaigns_search_type_check" CHECK ("campaigns"."search_type" in ('keyword', 'similar')),
	CONSTRAINT "campaigns_status_check" CHECK ("campaigns"."status" in ('draft', 'active', 'completed', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_captures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(320) NOT NULL,
	"source" varchar(100),
	"convertkit_subscriber_id" text,
	"convertkit_sync_status" varchar(20) DEFAULT 'pending' NOT NULL,
	"convertkit_synced_at" timestamp with time zone,
	"convertkit_sync_error" text,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_captures_email_key" UNIQUE("email"),
	CONSTRAINT "email_captures_convertkit_sync_status_check" CHECK ("email_captures"."convertkit_sync_status" in ('pending', 'synced', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text NOT NULL,
	"state" varchar(2) NOT NULL,
	"debt_amount" numeric(10, 2) NOT NULL,
	"debt_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"monthly_payment" numeric(10, 2),
	"credit_score_range" varchar(50),
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"gclid" text,
	"fbclid" text,
	"ip_address" "inet",
	"user_agent" text,
	"session_id" text,
	"quiz_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" varchar(50) DEFAULT 'new' NOT NULL,
	"qualification_status" varchar(50),
	"partner_matched" boolean DEFAULT false NOT NULL,
	"partner_id" uuid,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(utm_campaign, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"contacted_at" timestamp with time zone,
	"converted_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "leads_status_check" CHECK ("leads"."status" in ('new', 'contacted', 'qualified', 'converted', 'archived')),
	CONSTRAINT "leads_qualification_status_check" CHECK ("leads"."qualification_status" in ('pending', 'qualified', 'unqualified')),
	CONSTRAINT "leads_debt_amount_check" CHECK ("leads"."debt_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"role" varchar(20) NOT NULL,
	"content" text NOT NULL,
	"token_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_role_check" CHECK ("messages"."role" in ('system', 'user', 'assistant'))
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" varchar(50) NOT NULL,
	"states_licensed" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_debt_amount" numeric(10, 2) NOT NULL,
	"max_debt_amount" numeric(10, 2),
	"acceptance_rate" numeric(5, 2),
	"contact_email" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "partners_type_check" CHECK ("partners"."type" in ('settlement', 'counseling', 'consolidation', 'bankruptcy', 'legal')),
	CONSTRAINT "partners_debt_range_check" CHECK ("partners"."max_debt_amount" is null or "partners"."max_debt_amount" >= "partners"."min_debt_amount"),
	CONSTRAINT "partners_acceptance_rate_check" CHECK ("partners"."acceptance_rate" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" varchar(20) DEFAULT 'draft' NOT NULL,
	"validation_score" integer DEFAULT 0 NOT NULL,
	"collected_data" jsonb,
	"user_id" uuid NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('draft', 'active', 'completed')),
	CONSTRAINT "projects_validation_score_check" CHECK ("projects"."validation_score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scraping_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"platform" varchar(50) DEFAULT 'TikTok' NOT NULL,
	"keywords" jsonb,
	"target_username" text,
	"search_params" jsonb,
	"region" varchar(10) DEFAULT 'US' NOT NULL,
	"status" varchar(20) DEFAULT 'pending' NOT NULL,
	"run_id" text,
	"qstash_message_id" text,
	"processed_runs" integer DEFAULT 0 NOT NULL,
	"processed_results" integer DEFAULT 0 NOT NULL,
	"target_results" integer DEFAULT 1000 NOT NULL,
	"cursor" integer DEFAULT 0,
	"progress" numeric(5, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"timeout_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "scraping_jobs_platform_check" CHECK ("scraping_jobs"."platform" in ('TikTok', 'Instagram', 'YouTube')),
	CONSTRAINT "scraping_jobs_status_check" CHECK ("scraping_jobs"."status" in ('pending', 'processing', 'completed', 'error', 'timeout')),
	CONSTRAINT "scraping_jobs_progress_check" CHECK ("scraping_jobs"."progress" between 0 and 100),
	CONSTRAINT "scraping_jobs_target_results_check" CHECK ("scraping_jobs"."target_results" > 0)
);
--> statement-breakpoint
CREATE TABLE "scraping_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"creators" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"last_active_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_configurations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" varchar(50) NOT NULL,
	"key" varchar(100) NOT NULL,
	"value" text NOT NULL,
	"value_type" varchar(20) NOT NULL,
	"description" text,
	"is_hot_reloadable" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unique_category_key" UNIQUE("category","key"),
	CONSTRAINT "system_configurations_value_type_check" CHECK ("system_configurations"."value_type" in ('string', 'number', 'boolean', 'duration', 'json'))
);
--> statement-breakpoint
CREATE TABLE "user_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text,
	"name" text,
	"company_name" text,
	"industry" text,
	"signup_timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	"onboarding_step" varchar(50) DEFAULT 'pending' NOT NULL,
	"full_name" text,
	"business_name" text,
	"brand_description" text,
	"email_schedule_status" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"trial_start_date" timestamp with time zone,
	"trial_end_date" timestamp with time zone,
	"trial_status" varchar(20) DEFAULT 'pending' NOT NULL,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"subscription_status" varchar(20) DEFAULT 'none' NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_profiles_user_id_key" UNIQUE("user_id"),
	CONSTRAINT "user_profiles_onboarding_step_check" CHECK ("user_profiles"."onboarding_step" in ('pending', 'info_captured', 'intent_captured', 'completed')),
	CONSTRAINT "user_profiles_trial_status_check" CHECK ("user_profiles"."trial_status" in ('pending', 'active', 'expired', 'cancelled', 'converted')),
	CONSTRAINT "user_profiles_subscription_status_check" CHECK ("user_profiles"."subscription_status" in ('none', 'trialing', 'active', 'past_due', 'canceled'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(320) NOT NULL,
	"name" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"refresh_token" text,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wizard_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email_capture_id" uuid,
	"user_id" uuid,
	"session_id" text NOT NULL,
	"current_step" integer DEFAULT 1 NOT NULL,
	"total_steps" integer NOT NULL,
	"completed_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_completed" boolean DEFAULT false NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"business_type" varchar(100),
	"primary_goal" varchar(100),
	"budget_range" varchar(50),
	"time_spent_seconds" integer DEFAULT 0 NOT NULL,
	"back_navigations" integer DEFAULT 0 NOT NULL,
	"ip_address" "inet",
	"user_agent" text,
	"utm_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "wizard_submissions_step_check" CHECK ("wizard_submissions"."current_step" between 1 and "wizard_submissions"."total_steps")
);
--> statement-breakpoint
ALTER TABLE "activity_log" ADD CONSTRAINT "activity_log_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_log" ADD CONSTRAINT "activity_log_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_log" ADD CONSTRAINT "activity_log_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scraping_jobs" ADD CONSTRAINT "scraping_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scraping_jobs" ADD CONSTRAINT "scraping_jobs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scraping_results" ADD CONSTRAINT "scraping_results_job_id_scraping_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."scraping_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wizard_submissions" ADD CONSTRAINT "wizard_submissions_email_capture_id_email_captures_id_fk" FOREIGN KEY ("email_capture_id") REFERENCES "public"."email_captures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wizard_submissions" ADD CONSTRAINT "wizard_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_log_project_created_idx" ON "activity_log" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_analytics_events_lead_id" ON "analytics_events" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "idx_analytics_events_user_id" ON "analytics_events" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_analytics_events_type_created" ON "analytics_events" USING btree ("event_type","created_at");--> statement-breakpoint
CREATE INDEX "artifacts_project_id_idx" ON "artifacts" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "idx_audit_logs_record" ON "audit_logs" USING btree ("table_name","record_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_audit_logs_user_created" ON "audit_logs" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_campaigns_user_created" ON "campaigns" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_project_created_idx" ON "conversations" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_email_captures_sync_pending" ON "email_captures" USING btree ("created_at") WHERE "email_captures"."convertkit_sync_status" = 'pending';--> statement-breakpoint
CREATE INDEX "idx_leads_created_at_desc" ON "leads" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_leads_email" ON "leads" USING btree ("email");--> statement-breakpoint
CREATE INDEX "idx_leads_email_lower" ON "leads" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "idx_leads_phone" ON "leads" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "idx_leads_status" ON "leads" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_leads_partner_id" ON "leads" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "idx_leads_status_qualified" ON "leads" USING btree ("status") WHERE "leads"."status" = 'qualified';--> statement-breakpoint
CREATE INDEX "idx_leads_debt_amount" ON "leads" USING btree ("debt_amount");--> statement-breakpoint
CREATE INDEX "idx_leads_state_debt" ON "leads" USING btree ("state","debt_amount");--> statement-breakpoint
CREATE INDEX "idx_active_leads" ON "leads" USING btree ("created_at" DESC NULLS LAST) WHERE "leads"."status" <> 'archived' and "leads"."partner_matched" = false;--> statement-breakpoint
CREATE INDEX "idx_partner_matching" ON "leads" USING btree ("state","debt_amount","qualification_status") WHERE "leads"."partner_matched" = false;--> statement-breakpoint
CREATE INDEX "idx_leads_search" ON "leads" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "messages_conversation_created_idx" ON "messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_partners_states_licensed" ON "partners" USING gin ("states_licensed");--> statement-breakpoint
CREATE INDEX "projects_user_id_idx" ON "projects" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_created_at_idx" ON "projects" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "projects_user_updated_idx" ON "projects" USING btree ("user_id","updated_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "idx_prompts_session_created" ON "prompts" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_scraping_jobs_status" ON "scraping_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_scraping_jobs_platform" ON "scraping_jobs" USING btree ("platform");--> statement-breakpoint
CREATE INDEX "idx_scraping_jobs_user_campaign" ON "scraping_jobs" USING btree ("user_id","campaign_id");--> statement-breakpoint
CREATE INDEX "idx_scraping_jobs_campaign_id" ON "scraping_jobs" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "idx_scraping_results_job_id" ON "scraping_results" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "idx_scraping_results_created_at" ON "scraping_results" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idx_sessions_user_created" ON "sessions" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_sessions_user_last_active" ON "sessions" USING btree ("user_id","last_active_at");--> statement-breakpoint
CREATE INDEX "idx_user_profiles_trial_status" ON "user_profiles" USING btree ("trial_status");--> statement-breakpoint
CREATE INDEX "idx_user_profiles_trial_dates" ON "user_profiles" USING btree ("trial_start_date","trial_end_date");--> statement-breakpoint
CREATE INDEX "idx_user_profiles_stripe_customer" ON "user_profiles" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "idx_user_profiles_is_admin" ON "user_profiles" USING btree ("is_admin") WHERE "user_profiles"."is_admin" = true;--> statement-breakpoint
CREATE INDEX "idx_user_profiles_admin_details" ON "user_profiles" USING btree ("is_admin","full_name","email","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_live_key" ON "users" USING btree ("email") WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "idx_users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "idx_wizard_submissions_session" ON "wizard_submissions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "idx_wizard_submissions_completed" ON "wizard_submissions" USING btree ("is_completed","created_at");