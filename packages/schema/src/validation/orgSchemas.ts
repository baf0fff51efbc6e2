import * as tables from '../tables.ts';
import type { TableSchemas } from './createTableSchemas.ts';
import { lazyTableSchemas } from './lazyTableSchemas.ts';

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

// zod schemas of every @org table: `<table>Schemas.insert | update | select`, each built on first read
// (drizzle-zod derivation of all of them was most of the import time of @org/schema).
/**
 * zod schemas of `users`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = userSchemas.insert.safeParse(input);
 */
export const userSchemas: TableSchemas<typeof tables.users> = lazyTableSchemas(tables.users, {
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
export const userProfileSchemas: TableSchemas<typeof tables.userProfiles> = lazyTableSchemas(tables.userProfiles, { email: ['email'] });
/**
 * zod schemas of `projects`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = projectSchemas.insert.safeParse(input);
 */
export const projectSchemas: TableSchemas<typeof tables.projects> = lazyTableSchemas(tables.projects);
/**
 * zod schemas of `conversations`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = conversationSchemas.insert.safeParse(input);
 */
export const conversationSchemas: TableSchemas<typeof tables.conversations> = lazyTableSchemas(tables.conversations);
/**
 * zod schemas of `messages`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = messageSchemas.insert.safeParse(input);
 */
export const messageSchemas: TableSchemas<typeof tables.messages> = lazyTableSchemas(tables.messages);
/**
 * zod schemas of `artifacts`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = artifactSchemas.insert.safeParse(input);
 */
export const artifactSchemas: TableSchemas<typeof tables.artifacts> = lazyTableSchemas(tables.artifacts);
/**
 * zod schemas of `activityLog`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = activityLogSchemas.insert.safeParse(input);
 */
export const activityLogSchemas: TableSchemas<typeof tables.activityLog> = lazyTableSchemas(tables.activityLog);
/**
 * zod schemas of `partners`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = partnerSchemas.insert.safeParse(input);
 */
export const partnerSchemas: TableSchemas<typeof tables.partners> = lazyTableSchemas(tables.partners, { email: ['contactEmail'] });
/**
 * zod schemas of `leads`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = leadSchemas.insert.safeParse(input);
 */
export const leadSchemas: TableSchemas<typeof tables.leads> = lazyTableSchemas(tables.leads, { email: ['email'] });
/**
 * zod schemas of `analyticsEvents`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = analyticsEventSchemas.insert.safeParse(input);
 */
export const analyticsEventSchemas: TableSchemas<typeof tables.analyticsEvents> = lazyTableSchemas(tables.analyticsEvents);
/**
 * zod schemas of `campaigns`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = campaignSchemas.insert.safeParse(input);
 */
export const campaignSchemas: TableSchemas<typeof tables.campaigns> = lazyTableSchemas(tables.campaigns);
/**
 * zod schemas of `scrapingJobs`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = scrapingJobSchemas.insert.safeParse(input);
 */
export const scrapingJobSchemas: TableSchemas<typeof tables.scrapingJobs> = lazyTableSchemas(tables.scrapingJobs);
/**
 * zod schemas of `scrapingResults`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = scrapingResultSchemas.insert.safeParse(input);
 */
export const scrapingResultSchemas: TableSchemas<typeof tables.scrapingResults> = lazyTableSchemas(tables.scrapingResults);
/**
 * zod schemas of `systemConfigurations`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = systemConfigurationSchemas.insert.safeParse(input);
 */
export const systemConfigurationSchemas: TableSchemas<typeof tables.systemConfigurations> = lazyTableSchemas(tables.systemConfigurations);
/**
 * zod schemas of `emailCaptures`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = emailCaptureSchemas.insert.safeParse(input);
 */
export const emailCaptureSchemas: TableSchemas<typeof tables.emailCaptures> = lazyTableSchemas(tables.emailCaptures, { email: ['email'] });
/**
 * zod schemas of `wizardSubmissions`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = wizardSubmissionSchemas.insert.safeParse(input);
 */
export const wizardSubmissionSchemas: TableSchemas<typeof tables.wizardSubmissions> = lazyTableSchemas(tables.wizardSubmissions);
/**
 * zod schemas of `sessions`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = sessionSchemas.insert.safeParse(input);
 */
export const sessionSchemas: TableSchemas<typeof tables.sessions> = lazyTableSchemas(tables.sessions);
/**
 * zod schemas of `prompts`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = promptSchemas.insert.safeParse(input);
 */
export const promptSchemas: TableSchemas<typeof tables.prompts> = lazyTableSchemas(tables.prompts);
/**
 * zod schemas of `auditLogs`: `insert`, `update` (every column optional) and `select`.
 *
 * @example
 * const parsed = auditLogSchemas.insert.safeParse(input);
 */
export const auditLogSchemas: TableSchemas<typeof tables.auditLogs> = lazyTableSchemas(tables.auditLogs);

/** The type of {@link orgSchemas}: each table's schema set, by the table's TypeScript name. */
type OrgSchemaSets = { readonly [K in keyof typeof tables]: TableSchemas<(typeof tables)[K]> };

/**
 * The schemas keyed like `orgTables`, for generic code (repositories validate through it).
 *
 * @example
 * orgSchemas.leads.insert.parse(input);
 */
export const orgSchemas: OrgSchemaSets = {
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
};
