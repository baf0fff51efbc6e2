// @org/schema public entry point.
export * from './tables.ts';
export * from './relations.ts';
export { schema, orgTables } from './schema.ts';
export type { OrgSchema, OrgTables } from './schema.ts';
export type * from './types.ts';
export type * from './json/index.ts';

// Column helpers any consumer can apply to its own tables.
export * from './columns/index.ts';

// State machines and enumerated values.
export { onboardingSteps, trialStatuses, subscriptionStatuses } from './domain/identity/userProfiles.ts';
export { projectStatuses } from './domain/projects/projects.ts';
export { messageRoles } from './domain/projects/messages.ts';
export { activityTypes } from './domain/projects/activityLog.ts';
export { partnerTypes } from './domain/leads/partners.ts';
export { leadStatuses, qualificationStatuses } from './domain/leads/leads.ts';
export { campaignSearchTypes, campaignStatuses } from './domain/campaigns/campaigns.ts';
export {
  scrapingPlatforms,
  scrapingJobStatuses,
  scrapingJobTransitions,
} from './domain/campaigns/scrapingJobs.ts';
export type { ScrapingJobStatus } from './domain/campaigns/scrapingJobs.ts';
export { configValueTypes } from './domain/configuration/systemConfigurations.ts';
export { convertkitSyncStatuses } from './domain/marketing/emailCaptures.ts';
export { auditActions } from './domain/audit/auditLogs.ts';

// Validation.
export { createTableSchemas } from './validation/createTableSchemas.ts';
export type { TableSchemas, TableSchemaOptions } from './validation/createTableSchemas.ts';
export { numericString } from './validation/numericString.ts';
export * from './validation/orgSchemas.ts';

// Diagram.
export { renderMermaidErd } from './erd/renderMermaidErd.ts';
export { orgErdMarkdown } from './erd/orgErdMarkdown.ts';
