import { relations } from 'drizzle-orm';
import { auditLogs } from '../audit/auditLogs.ts';
import { campaigns } from '../campaigns/campaigns.ts';
import { scrapingJobs } from '../campaigns/scrapingJobs.ts';
import { analyticsEvents } from '../leads/analyticsEvents.ts';
import { wizardSubmissions } from '../marketing/wizardSubmissions.ts';
import { activityLog } from '../projects/activityLog.ts';
import { projects } from '../projects/projects.ts';
import { prompts } from '../sessions/prompts.ts';
import { sessions } from '../sessions/sessions.ts';
import { userProfiles } from './userProfiles.ts';
import { users } from './users.ts';

/**
 * Relations of `users`: profile, projects, campaigns, scrapingJobs, sessions, prompts, analyticsEvents, wizardSubmissions, auditLogs, transfersOut, transfersIn.
 *
 * @example
 * await db.query.users.findMany({ with: { profile: true } });
 */
export const usersRelations = relations(users, ({ one, many }) => ({
  profile: one(userProfiles),
  projects: many(projects),
  campaigns: many(campaigns),
  scrapingJobs: many(scrapingJobs),
  sessions: many(sessions),
  prompts: many(prompts),
  analyticsEvents: many(analyticsEvents),
  wizardSubmissions: many(wizardSubmissions),
  auditLogs: many(auditLogs),
  transfersOut: many(activityLog, { relationName: 'activity_from_user' }),
  transfersIn: many(activityLog, { relationName: 'activity_to_user' }),
}));

/**
 * Relations of `userProfiles`: user.
 *
 * @example
 * await db.query.userProfiles.findMany({ with: { user: true } });
 */
export const userProfilesRelations = relations(userProfiles, ({ one }) => ({
  user: one(users, { fields: [userProfiles.userId], references: [users.id] }),
}));
