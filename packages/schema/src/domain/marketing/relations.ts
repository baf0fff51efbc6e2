import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { emailCaptures } from './emailCaptures.ts';
import { wizardSubmissions } from './wizardSubmissions.ts';

/**
 * Relations of `emailCaptures`: wizardSubmissions.
 *
 * @example
 * await db.query.emailCaptures.findMany({ with: { wizardSubmissions: true } });
 */
export const emailCapturesRelations = relations(emailCaptures, ({ many }) => ({
  wizardSubmissions: many(wizardSubmissions),
}));

/**
 * Relations of `wizardSubmissions`: emailCapture, user.
 *
 * @example
 * await db.query.wizardSubmissions.findMany({ with: { emailCapture: true } });
 */
export const wizardSubmissionsRelations = relations(wizardSubmissions, ({ one }) => ({
  emailCapture: one(emailCaptures, {
    fields: [wizardSubmissions.emailCaptureId],
    references: [emailCaptures.id],
  }),
  user: one(users, { fields: [wizardSubmissions.userId], references: [users.id] }),
}));
