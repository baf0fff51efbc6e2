import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { activityLog } from './activityLog.ts';
import { artifacts } from './artifacts.ts';
import { conversations } from './conversations.ts';
import { messages } from './messages.ts';
import { projects } from './projects.ts';

export const projectsRelations = relations(projects, ({ one, many }) => ({
  user: one(users, { fields: [projects.userId], references: [users.id] }),
  conversations: many(conversations),
  artifacts: many(artifacts),
  activity: many(activityLog),
}));

export const conversationsRelations = relations(conversations, ({ one, many }) => ({
  project: one(projects, { fields: [conversations.projectId], references: [projects.id] }),
  messages: many(messages),
}));

export const messagesRelations = relations(messages, ({ one }) => ({
  conversation: one(conversations, { fields: [messages.conversationId], references: [conversations.id] }),
}));

export const artifactsRelations = relations(artifacts, ({ one }) => ({
  project: one(projects, { fields: [artifacts.projectId], references: [projects.id] }),
}));

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
