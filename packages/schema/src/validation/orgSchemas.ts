import * as tables from '../tables.ts';
import { createTableSchemas } from './createTableSchemas.ts';

/**
 * An identity provider's key in `users.auth_provider`: lower-case letters, digits and `_`, starting
 * with a letter (`clerk`, `claude_code`, `auth0`).
 *
 * @example
 * AUTH_PROVIDER_PATTERN.test('clerk'); // true
 */
export const AUTH_PROVIDER_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;
/**
 * A provider's id of a person in `users.external_id`: printable ASCII, no spaces, 1..255 characters.
 * Every provider the teams use fits (Clerk `user_2abc…`, `user_123`, Auth0 `auth0|abc`, uuids).
 *
 * @example
 * EXTERNAL_ID_PATTERN.test('user_2abcDEF'); // true
 */
export const EXTERNAL_ID_PATTERN = /^[\x21-\x7e]{1,255}$/;

// zod schemas of every @org table: `<table>Schemas.insert | update | select`.
/**
 * zod schemas of `users`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = userSchemas.insert.safeParse(input);
 */
export const userSchemas = createTableSchemas(tables.users, {
  email: ['email'],
  patterns: {
    authProvider: { pattern: AUTH_PROVIDER_PATTERN, message: 'must be a lower-case provider key (a-z, 0-9, _; 1..50)' },
    externalId: { pattern: EXTERNAL_ID_PATTERN, message: 'must be 1..255 printable ASCII characters without spaces' },
  },
});
/**
 * zod schemas of `userProfiles`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = userProfileSchemas.insert.safeParse(input);
 */
export const userProfileSchemas = createTableSchemas(tables.userProfiles, { email: ['email'] });
/**
 * zod schemas of `projects`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = projectSchemas.insert.safeParse(input);
 */
export const projectSchemas = createTableSchemas(tables.projects);
/**
 * zod schemas of `conversations`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = conversationSchemas.insert.safeParse(input);
 */
export const conversationSchemas = createTableSchemas(tables.conversations);
/**
 * zod schemas of `messages`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = messageSchemas.insert.safeParse(input);
 */
export const messageSchemas = createTableSchemas(tables.messages);
/**
 * zod schemas of `artifacts`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = artifactSchemas.insert.safeParse(input);
 */
export const artifactSchemas = createTableSchemas(tables.artifacts);
/**
 * zod schemas of `activityLog`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = activityLogSchemas.insert.safeParse(input);
 */
export const activityLogSchemas = createTableSchemas(tables.activityLog);
/**
 * zod schemas of `partners`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = partnerSchemas.insert.safeParse(input);
 */
export const partnerSchemas = createTableSchemas(tables.partners, { email: ['contactEmail'] });
/**
 * zod schemas of `leads`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = leadSchemas.insert.safeParse(input);
 */
export const leadSchemas = createTableSchemas(tables.leads, { email: ['email'] });
/**
 * zod schemas of `analyticsEvents`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = analyticsEventSchemas.insert.safeParse(input);
 */
export const analyticsEventSchemas = createTableSchemas(tables.analyticsEvents);
/**
 * zod schemas of `campaigns`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = campaignSchemas.insert.safeParse(input);
 */
export const campaignSchemas = createTableSchemas(tables.campaigns);
/**
 * zod schemas of `scrapingJobs`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = scrapingJobSchemas.insert.safeParse(input);
 */
export const scrapingJobSchemas = createTableSchemas(tables.scrapingJobs);
/**
 * zod schemas of `scrapingResults`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = scrapingResultSchemas.insert.safeParse(input);
 */
export const scrapingResultSchemas = createTableSchemas(tables.scrapingResults);
/**
 * zod schemas of `systemConfigurations`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = systemConfigurationSchemas.insert.safeParse(input);
 */
export const systemConfigurationSchemas = createTableSchemas(tables.systemConfigurations);
/**
 * zod schemas of `emailCaptures`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = emailCaptureSchemas.insert.safeParse(input);
 */
export const emailCaptureSchemas = createTableSchemas(tables.emailCaptures, { email: ['email'] });
/**
 * zod schemas of `wizardSubmissions`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = wizardSubmissionSchemas.insert.safeParse(input);
 */
export const wizardSubmissionSchemas = createTableSchemas(tables.wizardSubmissions);
/**
 * zod schemas of `sessions`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = sessionSchemas.insert.safeParse(input);
 */
export const sessionSchemas = createTableSchemas(tables.sessions);
/**
 * zod schemas of `prompts`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = promptSchemas.insert.safeParse(input);
 */
export const promptSchemas = createTableSchemas(tables.prompts);
/**
 * zod schemas of `auditLogs`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = auditLogSchemas.insert.safeParse(input);
 */
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
