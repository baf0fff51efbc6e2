import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { activityLog } from './activityLog.ts';
import { artifacts } from './artifacts.ts';
import { conversations } from './conversations.ts';
import { messages } from './messages.ts';
import { projects } from './projects.ts';

/**
 * Relations of `projects`: user, conversations, artifacts, activity.
 *
 * @example
 * await db.query.projects.findMany({ with: { user: true } });
 */
export const projectsRelations = relations(projects, ({ one, many }) => ({
  user: one(users, { fields: [projects.userId], references: [users.id] }),
  conversations: many(conversations),
  artifacts: many(artifacts),
  activity: many(activityLog),
}));

/**
 * Relations of `conversations`: project, messages.
 *
 * @example
 * await db.query.conversations.findMany({ with: { project: true } });
 */
export const conversationsRelations = relations(conversations, ({ one, many }) => ({
  project: one(projects, { fields: [conversations.projectId], references: [projects.id] }),
  messages: many(messages),
}));

/**
 * Relations of `messages`: conversation.
 *
 * @example
 * await db.query.messages.findMany({ with: { conversation: true } });
 */
export const messagesRelations = relations(messages, ({ one }) => ({
  conversation: one(conversations, { fields: [messages.conversationId], references: [conversations.id] }),
}));

/**
 * Relations of `artifacts`: project.
 *
 * @example
 * await db.query.artifacts.findMany({ with: { project: true } });
 */
export const artifactsRelations = relations(artifacts, ({ one }) => ({
  project: one(projects, { fields: [artifacts.projectId], references: [projects.id] }),
}));

/**
 * Relations of `activityLog`: project, fromUser, toUser.
 *
 * @example
 * await db.query.activityLog.findMany({ with: { project: true } });
 */
export const activityLogRelations = relations(activityLog, ({ one }) => ({
  project: one(projects, { fields: [activityLog.projectId], references: [projects.id] }),
  fromUser: one(users, {
    fields: [activityLog.fromUserId],
    references: [users.id],
    relationName: 'activity_from_user',
  }),
  toUser: one(users, {
    fields: [activityLog.toUserId],
    references: [users.id],
    relationName: 'activity_to_user',
  }),
}));
