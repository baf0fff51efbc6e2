import { timestamptz } from './timestamptz.ts';

/**
 * `created_at` and `updated_at` (timestamptz, set by the database). `updated_at` is refreshed by
 * drizzle on every builder update, and by the `org_set_updated_at` trigger that @org/migrations
 * installs, so raw-SQL updates get a fresh value too.
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
      .$onUpdate(() => new Date()),
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
