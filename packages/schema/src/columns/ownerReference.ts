import type { PgColumn, UpdateDeleteAction } from 'drizzle-orm/pg-core';
import { parentReference } from './reference.ts';

/** Options of {@link ownerReference}. */
export interface OwnerReferenceOptions {
  /** Column name; `user_id` by default. */
  name?: string;
  /** What happens to owned rows when the owner is deleted; `cascade` by default. */
  onDelete?: UpdateDeleteAction;
}

/**
 * A required uuid foreign key to the row that owns this one (a user, a tenant, an organisation).
 * Row-level-security policies and scoped clients key on it.
 *
 * @example
 * const notes = pgTable('notes', { id: primaryId(), userId: ownerReference(() => users.id) });
 */
export function ownerReference(target: () => PgColumn, options: OwnerReferenceOptions = {}) {
  return parentReference(options.name ?? 'user_id', target, options.onDelete ?? 'cascade');
}
