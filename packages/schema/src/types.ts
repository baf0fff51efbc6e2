import type * as t from './tables.ts';

// Row types (`X`, as read) and insert types (`NewX`) of every table.
/** A `users` row as read (drizzle's `$inferSelect`). */
export type User = typeof t.users.$inferSelect;
/** A `users` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewUser = typeof t.users.$inferInsert;
/** A `userProfiles` row as read (drizzle's `$inferSelect`). */
export type UserProfile = typeof t.userProfiles.$inferSelect;
/** A `userProfiles` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewUserProfile = typeof t.userProfiles.$inferInsert;
/** A `projects` row as read (drizzle's `$inferSelect`). */
export type Project = typeof t.projects.$inferSelect;
/** A `projects` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewProject = typeof t.projects.$inferInsert;
/** A `conversations` row as read (drizzle's `$inferSelect`). */
export type Conversation = typeof t.conversations.$inferSelect;
/** A `conversations` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewConversation = typeof t.conversations.$inferInsert;
/** A `messages` row as read (drizzle's `$inferSelect`). */
export type Message = typeof t.messages.$inferSelect;
/** A `messages` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewMessage = typeof t.messages.$inferInsert;
/** A `artifacts` row as read (drizzle's `$inferSelect`). */
export type Artifact = typeof t.artifacts.$inferSelect;
/** A `artifacts` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewArtifact = typeof t.artifacts.$inferInsert;
/** A `activityLog` row as read (drizzle's `$inferSelect`). */
export type ActivityLogEntry = typeof t.activityLog.$inferSelect;
/** A `activityLog` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewActivityLogEntry = typeof t.activityLog.$inferInsert;
/** A `partners` row as read (drizzle's `$inferSelect`). */
export type Partner = typeof t.partners.$inferSelect;
/** A `partners` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewPartner = typeof t.partners.$inferInsert;
/** A `leads` row as read (drizzle's `$inferSelect`). */
export type Lead = typeof t.leads.$inferSelect;
/** A `leads` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewLead = typeof t.leads.$inferInsert;
/** A `analyticsEvents` row as read (drizzle's `$inferSelect`). */
export type AnalyticsEvent = typeof t.analyticsEvents.$inferSelect;
/** A `analyticsEvents` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewAnalyticsEvent = typeof t.analyticsEvents.$inferInsert;
/** A `campaigns` row as read (drizzle's `$inferSelect`). */
export type Campaign = typeof t.campaigns.$inferSelect;
/** A `campaigns` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewCampaign = typeof t.campaigns.$inferInsert;
/** A `scrapingJobs` row as read (drizzle's `$inferSelect`). */
export type ScrapingJob = typeof t.scrapingJobs.$inferSelect;
/** A `scrapingJobs` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewScrapingJob = typeof t.scrapingJobs.$inferInsert;
/** A `scrapingResults` row as read (drizzle's `$inferSelect`). */
export type ScrapingResult = typeof t.scrapingResults.$inferSelect;
/** A `scrapingResults` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewScrapingResult = typeof t.scrapingResults.$inferInsert;
/** A `systemConfigurations` row as read (drizzle's `$inferSelect`). */
export type SystemConfiguration = typeof t.systemConfigurations.$inferSelect;
/** A `systemConfigurations` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewSystemConfiguration = typeof t.systemConfigurations.$inferInsert;
/** A `emailCaptures` row as read (drizzle's `$inferSelect`). */
export type EmailCapture = typeof t.emailCaptures.$inferSelect;
/** A `emailCaptures` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewEmailCapture = typeof t.emailCaptures.$inferInsert;
/** A `wizardSubmissions` row as read (drizzle's `$inferSelect`). */
export type WizardSubmission = typeof t.wizardSubmissions.$inferSelect;
/** A `wizardSubmissions` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewWizardSubmission = typeof t.wizardSubmissions.$inferInsert;
/** A `sessions` row as read (drizzle's `$inferSelect`). */
export type Session = typeof t.sessions.$inferSelect;
/** A `sessions` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewSession = typeof t.sessions.$inferInsert;
/** A `prompts` row as read (drizzle's `$inferSelect`). */
export type Prompt = typeof t.prompts.$inferSelect;
/** A `prompts` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewPrompt = typeof t.prompts.$inferInsert;
/** A `auditLogs` row as read (drizzle's `$inferSelect`). */
export type AuditLog = typeof t.auditLogs.$inferSelect;
/** A `auditLogs` row to insert: required columns required, defaulted ones optional (`$inferInsert`). */
export type NewAuditLog = typeof t.auditLogs.$inferInsert;
