import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { parentReference } from '../../columns/reference.ts';
import { createdAt } from '../../columns/timestamps.ts';
import { users } from '../identity/users.ts';
import { sessions } from './sessions.ts';

/**
 * A prompt sent in a session (claude-code); append-only.
 *
 * @example
 * const rows = await db.select().from(prompts).limit(10);
 */
export const prompts = pgTable(
  'prompts',
  {
    id: primaryId(),
    sessionId: parentReference('session_id', () => sessions.id),
    userId: ownerReference(() => users.id),
    content: text('content').notNull(),
    ...createdAt(),
  },
  (t) => [keysetIndex('prompts', t.createdAt, t.id), index('idx_prompts_session_created').on(t.sessionId, t.createdAt)],
);
