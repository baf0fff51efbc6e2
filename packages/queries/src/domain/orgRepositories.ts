import * as s from '@org/schema';
import type { OrgDb } from '../internal/OrgDb.ts';
import { createRepository } from '../repository/createRepository.ts';
import type { RepositoryOptions } from '../repository/options.ts';
import type { Repository } from '../repository/Repository.ts';

const created = ['createdAt'] as const;
// Ownership never moves through a generic update: transferProject writes the audit entry for it.
const owned = { immutable: ['userId'] } as const;
// A child never moves to another parent through a generic update either.
const childOf = <K extends string>(parent: K) => ({ immutable: [parent] }) as const;

/**
 * Repositories for every @org table, validated with the @org zod schemas, with the sorts each
 * table's list views use. Owners and parents are set on create and never moved by a generic update.
 *
 * @example
 * const repos = createOrgRepositories(db);
 * const page = await repos.leads.paginate({ sort: [['debtAmount', 'desc']], limit: 50 });
 */
export function createOrgRepositories(db: OrgDb, options: Pick<RepositoryOptions<never>, 'cursorSecret'> = {}): OrgRepositories {
  const base = { ...options };
  return {
    users: createRepository(db, s.users, { ...base, schemas: s.userSchemas, sortable: [...created, 'email', 'updatedAt'] }),
    userProfiles: createRepository(db, s.userProfiles, { ...base, ...owned, schemas: s.userProfileSchemas, sortable: [...created, 'updatedAt'] }),
    projects: createRepository(db, s.projects, {
      ...base,
      ...owned,
      schemas: s.projectSchemas,
      sortable: [...created, 'updatedAt', 'name', 'validationScore'],
      defaultSort: [['updatedAt', 'desc']],
    }),
    conversations: createRepository(db, s.conversations, { ...base, ...childOf('projectId'), schemas: s.conversationSchemas, sortable: [...created] }),
    messages: createRepository(db, s.messages, { ...base, ...childOf('conversationId'), schemas: s.messageSchemas, sortable: [...created] }),
    artifacts: createRepository(db, s.artifacts, { ...base, ...childOf('projectId'), schemas: s.artifactSchemas, sortable: [...created] }),
    activityLog: createRepository(db, s.activityLog, { ...base, ...childOf('projectId'), schemas: s.activityLogSchemas, sortable: [...created] }),
    partners: createRepository(db, s.partners, { ...base, schemas: s.partnerSchemas, sortable: [...created, 'name', 'minDebtAmount'] }),
    leads: createRepository(db, s.leads, {
      ...base,
      schemas: s.leadSchemas,
      sortable: [...created, 'debtAmount', 'name', 'state', 'status'],
      defaultSort: [['createdAt', 'desc']],
    }),
    analyticsEvents: createRepository(db, s.analyticsEvents, { ...base, ...owned, schemas: s.analyticsEventSchemas, sortable: [...created] }),
    campaigns: createRepository(db, s.campaigns, { ...base, ...owned, schemas: s.campaignSchemas, sortable: [...created, 'name'] }),
    scrapingJobs: createRepository(db, s.scrapingJobs, {
      ...base,
      immutable: ['userId', 'campaignId'],
      schemas: s.scrapingJobSchemas,
      sortable: [...created, 'status'],
    }),
    scrapingResults: createRepository(db, s.scrapingResults, { ...base, schemas: s.scrapingResultSchemas, sortable: [...created] }),
    systemConfigurations: createRepository(db, s.systemConfigurations, {
      ...base,
      schemas: s.systemConfigurationSchemas,
      sortable: ['category', 'key'],
    }),
    emailCaptures: createRepository(db, s.emailCaptures, { ...base, schemas: s.emailCaptureSchemas, sortable: [...created] }),
    wizardSubmissions: createRepository(db, s.wizardSubmissions, { ...base, ...owned, schemas: s.wizardSubmissionSchemas, sortable: [...created] }),
    sessions: createRepository(db, s.sessions, { ...base, ...owned, schemas: s.sessionSchemas, sortable: [...created, 'lastActiveAt'] }),
    prompts: createRepository(db, s.prompts, { ...base, immutable: ['userId', 'sessionId'], schemas: s.promptSchemas, sortable: [...created] }),
    auditLogs: createRepository(db, s.auditLogs, { ...base, ...owned, schemas: s.auditLogSchemas, sortable: [...created] }),
  };
}

const shared = new WeakMap<object, OrgRepositories>();

/**
 * The repositories of a db, made once and kept for it: domain functions call this on every request,
 * and the repositories' prepared statements live as long as they do.
 *
 * @example
 * const lead = await orgRepositoriesFor(db).leads.getById(id);
 */
export function orgRepositoriesFor(db: OrgDb): OrgRepositories {
  let repos = shared.get(db);
  if (!repos) shared.set(db, (repos = createOrgRepositories(db)));
  return repos;
}

/** Repositories for every @org table (see {@link createOrgRepositories}). */
export interface OrgRepositories {
  users: Repository<OrgDb, typeof s.users>;
  userProfiles: Repository<OrgDb, typeof s.userProfiles>;
  projects: Repository<OrgDb, typeof s.projects>;
  conversations: Repository<OrgDb, typeof s.conversations>;
  messages: Repository<OrgDb, typeof s.messages>;
  artifacts: Repository<OrgDb, typeof s.artifacts>;
  activityLog: Repository<OrgDb, typeof s.activityLog>;
  partners: Repository<OrgDb, typeof s.partners>;
  leads: Repository<OrgDb, typeof s.leads>;
  analyticsEvents: Repository<OrgDb, typeof s.analyticsEvents>;
  campaigns: Repository<OrgDb, typeof s.campaigns>;
  scrapingJobs: Repository<OrgDb, typeof s.scrapingJobs>;
  scrapingResults: Repository<OrgDb, typeof s.scrapingResults>;
  systemConfigurations: Repository<OrgDb, typeof s.systemConfigurations>;
  emailCaptures: Repository<OrgDb, typeof s.emailCaptures>;
  wizardSubmissions: Repository<OrgDb, typeof s.wizardSubmissions>;
  sessions: Repository<OrgDb, typeof s.sessions>;
  prompts: Repository<OrgDb, typeof s.prompts>;
  auditLogs: Repository<OrgDb, typeof s.auditLogs>;
}
