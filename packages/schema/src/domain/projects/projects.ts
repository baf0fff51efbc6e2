import { sql, type SQL } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { softDelete } from '../../columns/softDelete.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { tsvector } from '../../columns/tsvector.ts';
import type { CollectedData } from '../../json/collectedData.ts';
import { users } from '../identity/users.ts';

/**
 * A project's lifecycle.
 *
 * @example
 * const isKnown = (projectStatuses as readonly string[]).includes(value);
 */
export const projectStatuses = ['draft', 'active', 'completed'] as const;

/**
 * A product-helper project owned by a user, with the data the assistant collected.
 *
 * @example
 * const rows = await db.select().from(projects).limit(10);
 */
export const projects = pgTable(
  'projects',
  {
    id: primaryId(),
    name: text('name').notNull(),
    description: text('description'),
    status: enumColumn('status', projectStatuses, 20).default('draft').notNull(),
    validationScore: integer('validation_score').default(0).notNull(),
    collectedData: jsonb('collected_data').$type<CollectedData>(),
    userId: ownerReference(() => users.id),
    // Name weighs more than description in ranking.
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('english', coalesce(name, '')), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')`,
    ),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    keysetIndex('projects', t.createdAt, t.id),
    enumCheck('projects_status_check', t.status, projectStatuses),
    check('projects_validation_score_check', sql`${t.validationScore} between 0 and 100`),
    index('projects_user_id_idx').on(t.userId),
    index('projects_status_idx').on(t.status),
    index('projects_created_at_idx').on(t.createdAt),
    index('projects_user_updated_idx').on(t.userId, t.updatedAt.desc(), t.id.desc()),
    index('projects_search_idx').using('gin', t.searchVector),
  ],
);
