import { sql } from 'drizzle-orm';
import { timestamptz } from './timestamptz.ts';

/**
 * `created_at` and `updated_at` (timestamptz, set by the database). `updated_at` comes from the
 * database's clock on every write: drizzle's builder updates and upserts set it to
 * `clock_timestamp()`, the same value the `org_set_updated_at` trigger of @org/migrations stamps on
 * raw-SQL updates, so the two paths agree and the application's clock (which may be skewed, and
 * holds only milliseconds) never decides it. `clock_timestamp()`, not `now()`: `now()` is frozen at
 * the start of a transaction, so a second update in one transaction would not move it forward.
 *
 * @example
 * const notes = pgTable('notes', { id: primaryId(), ...timestamps() });
 */
export function timestamps() {
  return {
    createdAt: timestamptz('created_at').defaultNow().notNull(),
    updatedAt: timestamptz('updated_at')
      .defaultNow()
      .notNull()
      .$onUpdate(() => sql`clock_timestamp()`),
  };
}

/**
 * Only `created_at`, for append-only tables (events, messages, audit entries) that are never updated.
 *
 * @example
 * const events = pgTable('events', { id: primaryId(), ...createdAt() });
 */
export function createdAt() {
  return { createdAt: timestamptz('created_at').defaultNow().notNull() };
}
