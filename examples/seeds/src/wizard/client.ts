// The wizard app's database client: `POSTGRES_URL` from the environment, as its guide configures it.
import { createDatabase, type OrgDatabase } from '@org/queries';

/** The environment the wizard app reads (`MIGRATION_SECRET` is read by {@link migrateOnRequest}). */
export interface WizardEnv {
  POSTGRES_URL?: string | undefined;
  MIGRATION_SECRET?: string | undefined;
}

/**
 * The wizard app's client over @org's schema (one per process; serverless handlers keep it in a
 * module variable or use @org's `getDatabase`).
 *
 * @example
 * const database = createWizardDatabase(process.env);
 */
export function createWizardDatabase(env: WizardEnv): OrgDatabase {
  // guide: dbCredentials: { url: process.env.POSTGRES_URL! } (drizzle.config.ts) → ours: url:
  // env.POSTGRES_URL, because an unset variable must be a typed ConfigurationError, not a `!`.
  return createDatabase({ url: env.POSTGRES_URL, applicationName: 'wizard-app' });
}
