import { uuid, type PgColumn, type UpdateDeleteAction } from 'drizzle-orm/pg-core';

/**
 * A required uuid foreign key to a parent row; children go with the parent by default.
 *
 * @example
 * projectId: parentReference('project_id', () => projects.id),
 */
export function parentReference(name: string, target: () => PgColumn, onDelete: UpdateDeleteAction = 'cascade') {
  return uuid(name).notNull().references(target, { onDelete });
}

/**
 * A nullable uuid foreign key; the link is cleared when the target is deleted, by default.
 *
 * @example
 * partnerId: optionalReference('partner_id', () => partners.id),
 */
export function optionalReference(name: string, target: () => PgColumn, onDelete: UpdateDeleteAction = 'set null') {
  return uuid(name).references(target, { onDelete });
}
