import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { prompts } from './prompts.ts';
import { sessions } from './sessions.ts';

/**
 * Relations of `sessions`: user, prompts.
 *
 * @example
 * await db.query.sessions.findMany({ with: { user: true } });
 */
export const sessionsRelations = relations(sessions, ({ one, many }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
  prompts: many(prompts),
}));

/**
 * Relations of `prompts`: session, user.
 *
 * @example
 * await db.query.prompts.findMany({ with: { session: true } });
 */
export const promptsRelations = relations(prompts, ({ one }) => ({
  session: one(sessions, { fields: [prompts.sessionId], references: [sessions.id] }),
  user: one(users, { fields: [prompts.userId], references: [users.id] }),
}));
