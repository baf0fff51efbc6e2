/** Preferences and device info kept on a user (`users.metadata`). */
export interface UserMetadata {
  preferences?: Record<string, unknown>;
  lastDevice?: string;
}

/** Per-email sending state of the onboarding/trial drip (`user_profiles.email_schedule_status`). */
export type EmailScheduleStatus = Record<string, { status: 'scheduled' | 'sent' | 'failed'; messageId?: string; at?: string }>;

/** Extra parameters of a scraping job (`scraping_jobs.search_params`). */
export interface SearchParams {
  filters?: { minFollowers?: number; maxFollowers?: number; verifiedOnly?: boolean };
  sort?: 'relevance' | 'followers' | 'recent';
  language?: string;
}

/** Free-form properties of an analytics event (`analytics_events.properties`). */
export type EventProperties = Record<string, string | number | boolean | null>;

/** The answers of a wizard run (`wizard_submissions.answers`), keyed by step id. */
export type WizardAnswers = Record<string, string | number | boolean | string[] | null>;

/** Before/after values of the columns an audited write changed (`audit_logs.changes`). */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/** Context of an activity-log entry (`activity_log.metadata`). */
export type ActivityMetadata = Record<string, string | number | boolean | null>;
