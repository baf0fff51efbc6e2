/**
 * One database session, held for a whole run: the advisory lock is session-scoped, and every
 * migration's BEGIN/COMMIT must go to the same backend.
 */
export interface MigrationConnection {
  /** Runs one statement with bound parameters and returns its rows. */
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of one or more statements over the simple query protocol. */
  exec(script: string): Promise<void>;
  /** Gives the session back (to the pool, or nothing for PGlite). */
  release(): Promise<void>;
}

/** What the runner accepts: a postgres.js `Sql`, a PGlite instance, or a drizzle db over either. */
export type MigrationClient = object;
