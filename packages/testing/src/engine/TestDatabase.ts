import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { TestEngineName } from './testEngine.ts';

/**
 * A drizzle database (or transaction: drizzle's transactions are databases too) over a schema, on
 * either engine. Everything fixtures hand to tests has this type.
 */
export type TestDb<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

/**
 * A drizzle database over any schema: what schema-agnostic helpers (factories, scenarios) accept,
 * e.g. `orgFactories(db)` takes one.
 * `any` is deliberate: drizzle's database type is invariant in its schema.
 */
export type AnyTestDb = PgDatabase<PgQueryResultHKT, any>;

/** A migrated database owned by one worker (or one isolated test). */
export interface TestDatabase<TSchema extends Record<string, unknown>> {
  engine: TestEngineName;
  /** The drizzle database on it. */
  db: TestDb<TSchema>;
  /** The driver client: a PGlite instance or a postgres.js `Sql`. */
  client: unknown;
  /** PostgreSQL only: the database's URL, for code that opens its own connections. */
  url?: string;
  /** Closes connections and drops the database (PostgreSQL) or the instance (PGlite). */
  close(): Promise<void>;
}
