import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { parentReference } from '../../columns/reference.ts';
import { createdAt } from '../../columns/timestamps.ts';
import { conversations } from './conversations.ts';

/**
 * Who wrote a message.
 *
 * @example
 * const isKnown = (messageRoles as readonly string[]).includes(value);
 */
export const messageRoles = ['system', 'user', 'assistant'] as const;

/**
 * One message of a conversation; append-only.
 *
 * @example
 * const rows = await db.select().from(messages).limit(10);
 */
export const messages = pgTable(
  'messages',
  {
    id: primaryId(),
    conversationId: parentReference('conversation_id', () => conversations.id),
    role: enumColumn('role', messageRoles, 20).notNull(),
    content: text('content').notNull(),
    tokenCount: integer('token_count'),
    ...createdAt(),
  },
  (t) => [
    keysetIndex('messages', t.createdAt, t.id),
    enumCheck('messages_role_check', t.role, messageRoles),
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt),
  ],
);
