import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import { users } from '../identity/users.ts';

/**
 * A coding-assistant session of a user (claude-code `claude_code_sessions`).
 *
 * Table name (#13): `sessions`, not `claude_code_sessions` (see `users`). The team's drizzle code is
 * unchanged; raw SQL naming `claude_code_sessions` changes to `sessions` or interpolates `${sessions}`.
 * Ids are uuids the database generates: the team drops `id: generateId()` from inserts (or passes a uuid).
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
    keysetIndex('sessions', t.createdAt, t.id),
    index('idx_sessions_user_created').on(t.userId, t.createdAt.desc()),
    index('idx_sessions_user_last_active').on(t.userId, t.lastActiveAt),
  ],
);
