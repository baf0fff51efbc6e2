// Every relation of the @org schema; drizzle's relational queries (`db.query.x.findMany({ with })`) need them.
export { usersRelations, userProfilesRelations } from './domain/identity/relations.ts';
export {
  projectsRelations,
  conversationsRelations,
  messagesRelations,
  artifactsRelations,
  activityLogRelations,
} from './domain/projects/relations.ts';
export { leadsRelations, partnersRelations, analyticsEventsRelations } from './domain/leads/relations.ts';
export {
  campaignsRelations,
  scrapingJobsRelations,
  scrapingResultsRelations,
} from './domain/campaigns/relations.ts';
export { emailCapturesRelations, wizardSubmissionsRelations } from './domain/marketing/relations.ts';
export { sessionsRelations, promptsRelations } from './domain/sessions/relations.ts';
export { auditLogsRelations } from './domain/audit/relations.ts';
