// FreshSlate's `db/schema/leads.ts`: the team no longer defines the tables, it re-exports @org's.
// Differences from the guide's definition a caller can see (decided in @org/schema, see its README):
// timestamps are timestamptz (UTC assumed), `status` is checked against the known statuses,
// `debt_types`/`quiz_answers`/`partner_matched`/`status` are NOT NULL with their defaults, and
// `deleted_at` plus a generated `search_vector` (tsvector, not text) are part of the table.
export { analyticsEvents, leads, leadsRelations, partners } from '@org/schema';
export type { AnalyticsEvent, Lead, NewLead, Partner } from '@org/schema';
// guide: `NewEvent` (never defined in the guide) → ours: @org's insert type of analytics_events.
export type { NewAnalyticsEvent as NewEvent } from '@org/schema';
