// Guide section "Database Configuration" (`/src/db/index.ts`).
import { createDatabase, type OrgDatabase } from '@org/queries';

/**
 * The team's db module. The guide: `drizzle(postgres(getDatabaseUrl()), { schema })` with its own
 * schema; on @org, `createDatabase` with @org's schema (users, sessions, prompts, audit_logs and their
 * relations), a pool, typed errors, and a ConfigurationError when the URL is missing.
 *
 * @example
 * export const { db } = openDatabase(getDatabaseUrl());
 */
export function openDatabase(databaseUrl: string | undefined): OrgDatabase {
  return createDatabase({ url: databaseUrl });
}
