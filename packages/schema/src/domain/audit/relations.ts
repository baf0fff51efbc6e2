import { relations } from 'drizzle-orm';
import { users } from '../identity/users.ts';
import { auditLogs } from './auditLogs.ts';

/**
 * Relations of `auditLogs`: user.
 *
 * @example
 * await db.query.auditLogs.findMany({ with: { user: true } });
 */
export const auditLogsRelations = relations(auditLogs, ({ one }) => ({
  user: one(users, { fields: [auditLogs.userId], references: [users.id] }),
}));
