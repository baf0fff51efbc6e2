// The wizard app's migration runner (`api/db/auto-migrate.js`): migrations run automatically before
// database operations, can be forced, and can be triggered by an authorised API call.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  ensureMigrations,
  introspectDatabase,
  migrate,
  migrationStatus,
  orgMigrationsFolder,
  type MigrateResult,
  type MigrationStatus,
  type SchemaModel,
} from '@org/migrations';
import type { OrgDatabase } from '@org/queries';

type Client = Pick<OrgDatabase, 'client'>;

/**
 * Migrates on first use and remembers it: every later or concurrent call in this process gets the
 * same result without touching the database; a failed run is retried on the next call.
 *
 * @example
 * await autoMigrate(database); // before the handler's first query
 */
export function autoMigrate(database: Client): Promise<MigrateResult> {
  // guide: await ensureMigrations() (the app's own, "cached for 5 minutes") → ours: @org's
  // ensureMigrations(client, { folder }), cached for the life of the process instead: a deploy brings
  // new migrations with a new process, and across processes the advisory lock lets one run them.
  return ensureMigrations(database.client, { folder: orgMigrationsFolder() });
}

/**
 * Runs the migrations now, past the cache (`npm run db:migrate-auto`, "force migration").
 *
 * @example
 * const { applied } = await forceMigrate(database);
 */
export function forceMigrate(database: Client): Promise<MigrateResult> {
  return migrate(database.client, { folder: orgMigrationsFolder() });
}

/** What {@link migrateOnRequest} answers. */
export type MigrateRequestOutcome = { status: 200; result: MigrateResult } | { status: 401 | 404; result?: undefined };

/**
 * The manual migration API call: runs the migrations only for a caller presenting `MIGRATION_SECRET`
 * (compared in constant time); without a configured secret the endpoint does not exist (404).
 *
 * @example
 * const outcome = await migrateOnRequest(database, process.env, req.headers.get('authorization')?.replace(/^Bearer /, ''));
 */
export async function migrateOnRequest(
  database: Client,
  env: { MIGRATION_SECRET?: string | undefined },
  token: string | undefined,
): Promise<MigrateRequestOutcome> {
  const secret = env.MIGRATION_SECRET;
  if (!secret) return { status: 404 };
  if (token === undefined || !sameSecret(secret, token)) return { status: 401 };
  return { status: 200, result: await forceMigrate(database) };
}

function sameSecret(a: string, b: string): boolean {
  // Digests first: timingSafeEqual needs equal lengths, and comparing lengths would leak them.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * "Check schema status" (`npm run db:introspect`): the migrations' state and the live schema as the
 * catalog describes it.
 *
 * @example
 * const { migrations, schema } = await schemaStatus(database);
 * schema.tables['public.email_captures']?.constraints;
 */
export async function schemaStatus(database: Client): Promise<{ migrations: MigrationStatus; schema: SchemaModel }> {
  const migrations = await migrationStatus(database.client, { folder: orgMigrationsFolder() });
  const schema = await introspectDatabase(database.client);
  return { migrations, schema };
}
