import { index, jsonb, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
import { createdAt } from '../../columns/timestamps.ts';
import type { EventProperties } from '../../json/misc.ts';
import { users } from '../identity/users.ts';
import { leads } from './leads.ts';

/**
 * Funnel and conversion events (FreshSlate's lead events and the wizard app's user events), tied to a
 * lead, a user, or only to a browser session; append-only.
 *
 * @example
 * const rows = await db.select().from(analyticsEvents).limit(10);
 */
export const analyticsEvents = pgTable(
  'analytics_events',
  {
    id: primaryId(),
    leadId: optionalReference('lead_id', () => leads.id, 'cascade'),
    userId: optionalReference('user_id', () => users.id),
    sessionId: text('session_id'),
    eventType: varchar('event_type', { length: 100 }).notNull(),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    properties: jsonb('properties').$type<EventProperties>().default({}).notNull(),
    ...createdAt(),
  },
  (t) => [
    keysetIndex('analytics_events', t.createdAt, t.id),
    index('idx_analytics_events_lead_id').on(t.leadId),
    index('idx_analytics_events_user_id').on(t.userId),
    index('idx_analytics_events_type_created').on(t.eventType, t.createdAt),
  ],
);
