-- Keeps updated_at fresh on every UPDATE, including raw SQL that bypasses drizzle's $onUpdate.
-- An UPDATE that sets updated_at explicitly keeps its value; otherwise the row is stamped with
-- clock_timestamp() (not now(), which is frozen at transaction start, so several updates inside one
-- transaction still move updated_at forward).
CREATE OR REPLACE FUNCTION org_set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := clock_timestamp();
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER artifacts_set_updated_at BEFORE UPDATE ON "artifacts" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER campaigns_set_updated_at BEFORE UPDATE ON "campaigns" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER conversations_set_updated_at BEFORE UPDATE ON "conversations" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER email_captures_set_updated_at BEFORE UPDATE ON "email_captures" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER leads_set_updated_at BEFORE UPDATE ON "leads" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER partners_set_updated_at BEFORE UPDATE ON "partners" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER projects_set_updated_at BEFORE UPDATE ON "projects" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER scraping_jobs_set_updated_at BEFORE UPDATE ON "scraping_jobs" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER sessions_set_updated_at BEFORE UPDATE ON "sessions" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER system_configurations_set_updated_at BEFORE UPDATE ON "system_configurations" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER user_profiles_set_updated_at BEFORE UPDATE ON "user_profiles" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
--> statement-breakpoint
CREATE TRIGGER wizard_submissions_set_updated_at BEFORE UPDATE ON "wizard_submissions" FOR EACH ROW EXECUTE FUNCTION org_set_updated_at();
