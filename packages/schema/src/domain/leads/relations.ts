import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { analyticsEvents } from './analyticsEvents.ts';
import { leads } from './leads.ts';
import { partners } from './partners.ts';

/**
 * Relations of `leads`: partner, events.
 *
 * @example
 * await db.query.leads.findMany({ with: { partner: true } });
 */
export const leadsRelations = relations(leads, ({ one, many }) => ({
  partner: one(partners, { fields: [leads.partnerId], references: [partners.id] }),
  events: many(analyticsEvents),
}));

/**
 * Relations of `partners`: leads.
 *
 * @example
 * await db.query.partners.findMany({ with: { leads: true } });
 */
export const partnersRelations = relations(partners, ({ many }) => ({
  leads: many(leads),
}));

/**
 * Relations of `analyticsEvents`: lead, user.
 *
 * @example
 * await db.query.analyticsEvents.findMany({ with: { lead: true } });
 */
export const analyticsEventsRelations = relations(analyticsEvents, ({ one }) => ({
  lead: one(leads, { fields: [analyticsEvents.leadId], references: [leads.id] }),
  user: one(users, { fields: [analyticsEvents.userId], references: [users.id] }),
}));
