import * as tables from '../tables.ts';
import { createTableSchemas } from './createTableSchemas.ts';

// zod schemas of every @org table: `<table>Schemas.insert | update | select`.
export const userSchemas = createTableSchemas(tables.users, { email: ['email'] });
export const userProfileSchemas = createTableSchemas(tables.userProfiles, { email: ['email'] });
export const projectSchemas = createTableSchemas(tables.projects);
export const conversationSchemas = createTableSchemas(tables.conversations);
export const messageSchemas = createTableSchemas(tables.messages);
export const artifactSchemas = createTableSchemas(tables.artifacts);
export const activityLogSchemas = createTableSchemas(tables.activityLog);
export const partnerSchemas = createTableSchemas(tables.partners, { email: ['contactEmail'] });
export const leadSchemas = createTableSchemas(tables.leads, { email: ['email'] });
export const analyticsEventSchemas = createTableSchemas(tables.analyticsEvents);
export const campaignSchemas = createTableSchemas(tables.campaigns);
export const scrapingJobSchemas = createTableSchemas(tables.scrapingJobs);
export const scrapingResultSchemas = createTableSchemas(tables.scrapingResults);
export const systemConfigurationSchemas = createTableSchemas(tables.systemConfigurations);
export const emailCaptureSchemas = createTableSchemas(tables.emailCaptures, { email: ['email'] });
export const wizardSubmissionSchemas = createTableSchemas(tables.wizardSubmissions);
export const sessionSchemas = createTableSchemas(tables.sessions);
export const promptSchemas = createTableSchemas(tables.prompts);
export const auditLogSchemas = createTableSchemas(tables.auditLogs);

/**
 * The schemas keyed like `orgTables`, for generic code (repositories validate through it).
 *
 * @example
 * orgSchemas.leads.insert.parse(input);
 */
export const orgSchemas = {
  users: userSchemas,
  userProfiles: userProfileSchemas,
  projects: projectSchemas,
  conversations: conversationSchemas,
  messages: messageSchemas,
  artifacts: artifactSchemas,
  activityLog: activityLogSchemas,
  partners: partnerSchemas,
  leads: leadSchemas,
  analyticsEvents: analyticsEventSchemas,
  campaigns: campaignSchemas,
  scrapingJobs: scrapingJobSchemas,
  scrapingResults: scrapingResultSchemas,
  systemConfigurations: systemConfigurationSchemas,
  emailCaptures: emailCaptureSchemas,
  wizardSubmissions: wizardSubmissionSchemas,
  sessions: sessionSchemas,
  prompts: promptSchemas,
  auditLogs: auditLogSchemas,
} as const;
