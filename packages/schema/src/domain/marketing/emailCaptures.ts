import { sql } from 'drizzle-orm';
import { index, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';

/**
 * Where a captured email stands with the ConvertKit sync.
 *
 * @example
 * const isKnown = (convertkitSyncStatuses as readonly string[]).includes(value);
 */
export const convertkitSyncStatuses = ['pending', 'synced', 'failed'] as const;

/**
 * Emails captured by the wizard funnel, unique per address, with ConvertKit sync tracking.
 *
 * @example
 * const rows = await db.select().from(emailCaptures).limit(10);
 */
export const emailCaptures = pgTable(
  'email_captures',
  {
    id: primaryId(),
    email: varchar('email', { length: 320 }).notNull().unique('email_captures_email_key'),
    source: varchar('source', { length: 100 }),
    convertkitSubscriberId: text('convertkit_subscriber_id'),
    convertkitSyncStatus: enumColumn('convertkit_sync_status', convertkitSyncStatuses, 20).default('pending').notNull(),
    convertkitSyncedAt: timestamptz('convertkit_synced_at'),
    convertkitSyncError: text('convertkit_sync_error'),
    processedAt: timestamptz('processed_at'),
    ...timestamps(),
  },
  (t) => [
    keysetIndex('email_captures', t.createdAt, t.id),
    enumCheck('email_captures_convertkit_sync_status_check', t.convertkitSyncStatus, convertkitSyncStatuses),
    index('idx_email_captures_sync_pending').on(t.createdAt).where(sql`${t.convertkitSyncStatus} = 'pending'`),
  ],
);
