import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { parentReference } from '../../columns/reference.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { projects } from './projects.ts';

/**
 * A conversation between a user and the assistant about a project.
 *
 * @example
 * const rows = await db.select().from(conversations).limit(10);
 */
export const conversations = pgTable(
  'conversations',
  {
    id: primaryId(),
    projectId: parentReference('project_id', () => projects.id),
    title: text('title'),
    ...timestamps(),
  },
  (t) => [keysetIndex('conversations', t.createdAt, t.id), index('conversations_project_created_idx').on(t.projectId, t.createdAt.desc())],
);
