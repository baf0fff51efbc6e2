import { index, jsonb, pgTable } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
import { createdAt } from '../../columns/timestamps.ts';
import type { ActivityMetadata } from '../../json/misc.ts';
import { users } from '../identity/users.ts';
import { projects } from './projects.ts';

/**
 * What happened to a project.
 *
 * @example
 * const isKnown = (activityTypes as readonly string[]).includes(value);
 */
export const activityTypes = ['project_created', 'project_updated', 'project_transfer', 'project_deleted', 'project_restored'] as const;

/**
 * The project activity feed (product-helper `activityLog`), written in the same transaction as the change.
 *
 * @example
 * const rows = await db.select().from(activityLog).limit(10);
 */
export const activityLog = pgTable(
  'activity_log',
  {
    id: primaryId(),
    type: enumColumn('type', activityTypes, 50).notNull(),
    projectId: optionalReference('project_id', () => projects.id, 'cascade'),
    fromUserId: optionalReference('from_user_id', () => users.id),
    toUserId: optionalReference('to_user_id', () => users.id),
    metadata: jsonb('metadata').$type<ActivityMetadata>().default({}).notNull(),
    ...createdAt(),
  },
  (t) => [
    keysetIndex('activity_log', t.createdAt, t.id),
    enumCheck('activity_log_type_check', t.type, activityTypes),
    index('activity_log_project_created_idx').on(t.projectId, t.createdAt.desc()),
  ],
);
