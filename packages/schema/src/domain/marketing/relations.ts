import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { emailCaptures } from './emailCaptures.ts';
import { wizardSubmissions } from './wizardSubmissions.ts';

export const emailCapturesRelations = relations(emailCaptures, ({ many }) => ({
  wizardSubmissions: many(wizardSubmissions),
}));

export const wizardSubmissionsRelations = relations(wizardSubmissions, ({ one }) => ({
  emailCapture: one(emailCaptures, {
    fields: [wizardSubmissions.emailCaptureId],
    references: [emailCaptures.id],
  }),
  user: one(users, { fields: [wizardSubmissions.userId], references: [users.id] }),
}));
