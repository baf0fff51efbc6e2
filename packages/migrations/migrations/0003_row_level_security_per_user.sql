-- Row-level security, part two: every table holding per-user data, and a scope raw SQL cannot forge.
--
-- Before this migration the policies trusted the setting org.user_id, which any role can change with
-- set_config: raw SQL inside a scope could re-point it at another user. Now the scope is the setting
-- org.user_scope holding '<user uuid>:<HMAC-SHA256>', signed over the user and this transaction (backend
-- pid, transaction start, server start) with a key kept in the schema org_private, which the app role
-- cannot read. org_current_user_id() (SECURITY DEFINER) returns the user only when the signature checks;
-- anything else is null and every policy denies. withUserScope in @org/queries signs with the same key,
-- which the operator reads once as the owner (readUserScopeKey) and gives the app as configuration.
-- A token minted for one transaction is worthless in any other, so neither a session-level setting left
-- on a pooled connection nor a copied token carries a scope over.
--
-- Policies compare with (select org_current_user_id()), an InitPlan evaluated once per query, not per row.
-- The logs (audit_logs, activity_log) are append-only for a scoped user: read and insert own entries.
CREATE SCHEMA IF NOT EXISTS org_private;
--> statement-breakpoint
REVOKE ALL ON SCHEMA org_private FROM PUBLIC;
--> statement-breakpoint
-- HMAC's inner (0x36) or outer (0x5c) padded key, so verifying a scope is two sha256 calls and no loop.
CREATE OR REPLACE FUNCTION org_private.hmac_pad(key bytea, pad integer) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  block bytea := decode(repeat('00', 64), 'hex');
  k bytea := CASE WHEN length(key) > 64 THEN sha256(key) ELSE key END;
BEGIN
  FOR i IN 0..63 LOOP
    block := set_byte(block, i, (CASE WHEN i < length(k) THEN get_byte(k, i) ELSE 0 END) # pad);
  END LOOP;
  RETURN block;
END $$;
--> statement-breakpoint
-- One row. The key comes from pg_strong_random (gen_random_uuid); rotate it with
-- UPDATE org_private.user_scope_key SET key = <32 random bytes>; the pads follow.
CREATE TABLE org_private.user_scope_key (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  key bytea NOT NULL DEFAULT sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')) CHECK (length(key) >= 32),
  inner_pad bytea GENERATED ALWAYS AS (org_private.hmac_pad(key, 54)) STORED,
  outer_pad bytea GENERATED ALWAYS AS (org_private.hmac_pad(key, 92)) STORED
);
--> statement-breakpoint
REVOKE ALL ON org_private.user_scope_key FROM PUBLIC;
--> statement-breakpoint
INSERT INTO org_private.user_scope_key DEFAULT VALUES;
--> statement-breakpoint
-- What a scope token is bound to: this backend, this transaction's start, this server's start. withUserScope
-- reads it inside its transaction and signs '<user>:<binding>'.
CREATE OR REPLACE FUNCTION org_user_scope_binding() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT pg_backend_pid()::text || ':' || (extract(epoch FROM now()) * 1000000)::bigint::text
    || ':' || (extract(epoch FROM pg_postmaster_start_time()) * 1000000)::bigint::text
$$;
--> statement-breakpoint
-- Replaces 0002's version, which trusted org.user_id. Same signature, so existing policies keep it.
CREATE OR REPLACE FUNCTION org_current_user_id() RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  scope text := current_setting('org.user_scope', true);
  user_part text;
  pads record;
BEGIN
  IF scope IS NULL OR scope !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{64}$' THEN
    RETURN NULL;
  END IF;
  user_part := split_part(scope, ':', 1);
  SELECT inner_pad, outer_pad INTO pads FROM org_private.user_scope_key;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF encode(sha256(pads.outer_pad || sha256(pads.inner_pad || convert_to(user_part || ':' || public.org_user_scope_binding(), 'UTF8'))), 'hex')
     = split_part(scope, ':', 2) THEN
    RETURN user_part::uuid;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 0002's policies, re-created to evaluate the scope once per query, and for prompts and scraping_jobs
-- to check the parent too (a prompt in another user's session, a job on another user's campaign).
DROP POLICY users_owner ON "users";
--> statement-breakpoint
CREATE POLICY users_owner ON "users" USING (id = (select org_current_user_id())) WITH CHECK (id = (select org_current_user_id()));
--> statement-breakpoint
DROP POLICY user_profiles_owner ON "user_profiles";
--> statement-breakpoint
CREATE POLICY user_profiles_owner ON "user_profiles" USING (user_id = (select org_current_user_id())) WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
DROP POLICY projects_owner ON "projects";
--> statement-breakpoint
CREATE POLICY projects_owner ON "projects" USING (user_id = (select org_current_user_id())) WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
DROP POLICY campaigns_owner ON "campaigns";
--> statement-breakpoint
CREATE POLICY campaigns_owner ON "campaigns" USING (user_id = (select org_current_user_id())) WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
DROP POLICY scraping_jobs_owner ON "scraping_jobs";
--> statement-breakpoint
CREATE POLICY scraping_jobs_owner ON "scraping_jobs"
  USING (user_id = (select org_current_user_id()) AND exists (select 1 from campaigns c where c.id = scraping_jobs.campaign_id and c.user_id = (select org_current_user_id())))
  WITH CHECK (user_id = (select org_current_user_id()) AND exists (select 1 from campaigns c where c.id = scraping_jobs.campaign_id and c.user_id = (select org_current_user_id())));
--> statement-breakpoint
DROP POLICY sessions_owner ON "sessions";
--> statement-breakpoint
CREATE POLICY sessions_owner ON "sessions" USING (user_id = (select org_current_user_id())) WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
DROP POLICY prompts_owner ON "prompts";
--> statement-breakpoint
CREATE POLICY prompts_owner ON "prompts"
  USING (user_id = (select org_current_user_id()) AND exists (select 1 from sessions s where s.id = prompts.session_id and s.user_id = (select org_current_user_id())))
  WITH CHECK (user_id = (select org_current_user_id()) AND exists (select 1 from sessions s where s.id = prompts.session_id and s.user_id = (select org_current_user_id())));
--> statement-breakpoint
DROP POLICY conversations_owner ON "conversations";
--> statement-breakpoint
CREATE POLICY conversations_owner ON "conversations"
  USING (exists (select 1 from projects p where p.id = conversations.project_id and p.user_id = (select org_current_user_id())))
  WITH CHECK (exists (select 1 from projects p where p.id = conversations.project_id and p.user_id = (select org_current_user_id())));
--> statement-breakpoint
DROP POLICY messages_owner ON "messages";
--> statement-breakpoint
CREATE POLICY messages_owner ON "messages"
  USING (exists (select 1 from conversations c join projects p on p.id = c.project_id where c.id = messages.conversation_id and p.user_id = (select org_current_user_id())))
  WITH CHECK (exists (select 1 from conversations c join projects p on p.id = c.project_id where c.id = messages.conversation_id and p.user_id = (select org_current_user_id())));
--> statement-breakpoint
DROP POLICY artifacts_owner ON "artifacts";
--> statement-breakpoint
CREATE POLICY artifacts_owner ON "artifacts"
  USING (exists (select 1 from projects p where p.id = artifacts.project_id and p.user_id = (select org_current_user_id())))
  WITH CHECK (exists (select 1 from projects p where p.id = artifacts.project_id and p.user_id = (select org_current_user_id())));
--> statement-breakpoint
DROP POLICY scraping_results_owner ON "scraping_results";
--> statement-breakpoint
CREATE POLICY scraping_results_owner ON "scraping_results"
  USING (exists (select 1 from scraping_jobs j where j.id = scraping_results.job_id and j.user_id = (select org_current_user_id())))
  WITH CHECK (exists (select 1 from scraping_jobs j where j.id = scraping_results.job_id and j.user_id = (select org_current_user_id())));
--> statement-breakpoint
-- The tables 0002 missed. Rows without a user (anonymous events, submissions before sign-up) belong to
-- no scoped user.
ALTER TABLE "analytics_events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY analytics_events_owner ON "analytics_events" USING (user_id = (select org_current_user_id())) WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
ALTER TABLE "wizard_submissions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY wizard_submissions_owner ON "wizard_submissions" USING (user_id = (select org_current_user_id())) WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_logs_owner_read ON "audit_logs" FOR SELECT USING (user_id = (select org_current_user_id()));
--> statement-breakpoint
CREATE POLICY audit_logs_owner_append ON "audit_logs" FOR INSERT WITH CHECK (user_id = (select org_current_user_id()));
--> statement-breakpoint
-- An activity entry concerns its project and the users it names (a transfer names two). A scoped user
-- reads entries that concern them and appends entries that concern no one else.
ALTER TABLE "activity_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY activity_log_owner_read ON "activity_log" FOR SELECT USING (
  from_user_id = (select org_current_user_id())
  OR to_user_id = (select org_current_user_id())
  OR exists (select 1 from projects p where p.id = activity_log.project_id and p.user_id = (select org_current_user_id()))
);
--> statement-breakpoint
CREATE POLICY activity_log_owner_append ON "activity_log" FOR INSERT WITH CHECK (
  (select org_current_user_id()) IS NOT NULL
  AND (from_user_id IS NULL OR from_user_id = (select org_current_user_id()))
  AND (to_user_id IS NULL OR to_user_id = (select org_current_user_id()))
  AND (project_id IS NULL OR exists (select 1 from projects p where p.id = activity_log.project_id and p.user_id = (select org_current_user_id())))
  AND coalesce(project_id::text, from_user_id::text, to_user_id::text) IS NOT NULL
);
