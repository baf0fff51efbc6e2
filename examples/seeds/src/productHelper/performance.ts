// Guide sections "Select Only Needed Columns" and "Batch Operations" (the GOOD forms).
import { messages as messagesTable, projects } from '@org/schema';
import { eq } from 'drizzle-orm';
import { db } from './db.ts';

/**
 * Fetch only needed columns.
 *
 * @example
 * const rows = await projectSummaries(userId); // [{ id, name, status }]
 */
export async function projectSummaries(userId: string) {
  // guide: `const projects = await db.select(...).from(projects)` shadows the table it reads (TS2448,
  // used before its declaration) → the result is returned instead of named `projects`.
  return db
    .select({
      id: projects.id,
      name: projects.name,
      status: projects.status,
    })
    .from(projects)
    .where(eq(projects.userId, userId));
}

/**
 * Single batch insert: one statement for all messages.
 *
 * @example
 * await insertMessages([{ conversationId, role: 'user', content: 'hi' }, { conversationId, role: 'assistant', content: 'hello' }]);
 */
export async function insertMessages(messages: (typeof messagesTable.$inferInsert)[]) {
  // guide: `values(messages)` with an empty array throws in drizzle ("values() must be called with at
  // least one value") → nothing to do for none.
  if (messages.length === 0) return;
  await db.insert(messagesTable).values(messages);
}
