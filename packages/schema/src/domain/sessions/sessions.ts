import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import { users } from '../identity/users.ts';

/**
 * A coding-assistant session of a user (claude-code `claude_code_sessions`).
 *
 * @example
 * const rows = await db.select().from(sessions).limit(10);
 */
export const sessions = pgTable(
  'sessions',
  {
    id: primaryId(),
    userId: ownerReference(() => users.id),
    title: text('title').notNull(),
    lastActiveAt: timestamptz('last_active_at').defaultNow().notNull(),
    ...timestamps(),
  },
  (t) => [
    index('idx_sessions_user_created').on(t.userId, t.createdAt.desc()),
    index('idx_sessions_user_last_active').on(t.userId, t.lastActiveAt),
  ],
);
