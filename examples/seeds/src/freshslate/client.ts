// FreshSlate's `db/client.ts` and `db/pool.ts` as one @org client: createDatabase owns the
// postgres.js pool and the drizzle instance over @org's schema.
import { createDatabase, type CreateDatabaseOptions, type OrgDatabase } from '@org/queries';

/** The environment FreshSlate reads its connection from. */
export interface FreshslateEnv {
  DATABASE_URL?: string | undefined;
  NODE_ENV?: string | undefined;
}

/**
 * The guide's pool settings (`db/pool.ts`) in createDatabase's terms. Pure, so it is testable
 * without a server.
 *
 * @example
 * const options = freshslateClientOptions(process.env);
 */
export function freshslateClientOptions(env: FreshslateEnv): CreateDatabaseOptions {
  return {
    // guide: postgres(process.env.DATABASE_URL!) → ours: url: env.DATABASE_URL, because `!` hides an
    // unset variable (postgres.js then silently connects to localhost); createDatabase refuses it typed.
    url: env.DATABASE_URL,
    pool: { max: 20, idleTimeoutSeconds: 20, connectTimeoutSeconds: 10, maxLifetimeSeconds: 60 * 30 },
    ssl: env.NODE_ENV === 'production' ? 'require' : false,
    // guide: connection: { application_name: 'freshslate-app' } → ours: applicationName.
    applicationName: 'freshslate-app',
    // guide: transform: postgres.camel → dropped (createDatabase has no such option): drizzle already
    // maps snake_case columns to the schema's camelCase keys; raw `execute` rows keep SQL's names.
  };
}

/**
 * FreshSlate's database client (one per process). The guide's separate `migrationClient` with
 * `max: 1` is not needed: @org/migrations takes one session of this pool for a run.
 *
 * @example
 * export const database = createFreshslateDatabase(process.env);
 * export const db = database.db;
 */
export function createFreshslateDatabase(env: FreshslateEnv): OrgDatabase {
  return createDatabase(freshslateClientOptions(env));
}
