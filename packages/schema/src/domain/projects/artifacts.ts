import { index, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { parentReference } from '../../columns/reference.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { projects } from './projects.ts';

/**
 * A document generated for a project (a use-case diagram, a spec, ...).
 *
 * @example
 * const rows = await db.select().from(artifacts).limit(10);
 */
export const artifacts = pgTable(
  'artifacts',
  {
    id: primaryId(),
    projectId: parentReference('project_id', () => projects.id),
    type: varchar('type', { length: 50 }).notNull(),
    content: text('content').notNull(),
    ...timestamps(),
  },
  (t) => [keysetIndex('artifacts', t.createdAt, t.id), index('artifacts_project_id_idx').on(t.projectId)],
);
