import { index, jsonb, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
import { createdAt } from '../../columns/timestamps.ts';
import type { AuditChanges } from '../../json/misc.ts';
import { users } from '../identity/users.ts';

/**
 * The kinds of audited write.
 *
 * @example
 * const isKnown = (auditActions as readonly string[]).includes(value);
 */
export const auditActions = ['INSERT', 'UPDATE', 'DELETE', 'SOFT_DELETE', 'RESTORE'] as const;

/**
 * Who changed which row of which table, and how; append-only.
 *
 * @example
 * const rows = await db.select().from(auditLogs).limit(10);
 */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: primaryId(),
    userId: optionalReference('user_id', () => users.id),
    action: enumColumn('action', auditActions, 20).notNull(),
    tableName: varchar('table_name', { length: 63 }).notNull(),
    recordId: text('record_id').notNull(),
    changes: jsonb('changes').$type<AuditChanges>().default({}).notNull(),
    ...createdAt(),
  },
  (t) => [
    keysetIndex('audit_logs', t.createdAt, t.id),
    enumCheck('audit_logs_action_check', t.action, auditActions),
    index('idx_audit_logs_record').on(t.tableName, t.recordId, t.createdAt.desc()),
    index('idx_audit_logs_user_created').on(t.userId, t.createdAt.desc()),
  ],
);
