import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { primaryId } from '../../columns/primaryId.ts';
import { softDelete } from '../../columns/softDelete.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import type { UserMetadata } from '../../json/misc.ts';

/**
 * Accounts. Merges the product-helper `users` and the claude-code `claude_code_users` tables: one uuid
 * identity that projects, campaigns, sessions and profiles all reference.
 *
 * @example
 * const rows = await db.select().from(users).limit(10);
 */
export const users = pgTable(
  'users',
  {
    id: primaryId(),
    email: varchar('email', { length: 320 }).notNull(),
    name: text('name'),
    metadata: jsonb('metadata').$type<UserMetadata>().default({}).notNull(),
    refreshToken: text('refresh_token'),
    lastLoginAt: timestamptz('last_login_at'),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    // Unique among live rows only: a soft-deleted account's email can sign up again.
    uniqueIndex('users_email_live_key').on(t.email).where(sql`${t.deletedAt} is null`),
    index('idx_users_email').on(t.email),
  ],
);
