import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { auditLogs } from './auditLogs.ts';

export const auditLogsRelations = relations(auditLogs, ({ one }) => ({
  user: one(users, { fields: [auditLogs.userId], references: [users.id] }),
}));
