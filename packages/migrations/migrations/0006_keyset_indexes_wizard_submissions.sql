-- org-migrate:no-transaction
-- Keyset pages over wizard_submissions (ORDER BY created_at, id) as an index range scan at any depth. Built
-- CONCURRENTLY, one index per file, because adopted databases hold production rows: a plain CREATE INDEX
-- would block writes to the table while it builds (see `org-migrate lint`, rule index-not-concurrent).
CREATE INDEX CONCURRENTLY IF NOT EXISTS "wizard_submissions_created_at_id_keyset_idx" ON "wizard_submissions" USING btree ("created_at","id");
