import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { analyticsEvents } from './analyticsEvents.ts';
import { leads } from './leads.ts';
import { partners } from './partners.ts';

export const leadsRelations = relations(leads, ({ one, many }) => ({
  partner: one(partners, { fields: [leads.partnerId], references: [partners.id] }),
  events: many(analyticsEvents),
}));

export const partnersRelations = relations(partners, ({ many }) => ({
  leads: many(leads),
}));

export const analyticsEventsRelations = relations(analyticsEvents, ({ one }) => ({
  lead: one(leads, { fields: [analyticsEvents.leadId], references: [leads.id] }),
  user: one(users, { fields: [analyticsEvents.userId], references: [users.id] }),
}));
