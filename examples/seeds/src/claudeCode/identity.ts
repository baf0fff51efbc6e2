// claude_code's users had text primary keys it made itself (`'user_123'`); @org's users have uuid keys
// and keep the team's id in users.external_id under the provider `claude_code`. Where the guide writes
// `eq(users.id, userId)` with its own id, the team writes `byClaudeCodeId(userId)`: that one line is the
// change in every read, update and delete by id below.
import { users } from '@org/schema';
import { and, eq, isNull, type SQL } from 'drizzle-orm';

/** claude_code's provider key in users.auth_provider. */
export const CLAUDE_CODE = 'claude_code';

/**
 * The live user with claude_code's id `userId` (the guide's `eq(users.id, userId)`).
 *
 * @example
 * await db.query.users.findFirst({ where: byClaudeCodeId('user_123') });
 */
export function byClaudeCodeId(userId: string): SQL {
  return and(eq(users.authProvider, CLAUDE_CODE), eq(users.externalId, userId), isNull(users.deletedAt))!;
}

/**
 * The columns a claude_code user id becomes on insert (the guide's `id: 'user_123'`).
 *
 * @example
 * await db.insert(users).values({ ...claudeCodeId('user_123'), email, name });
 */
export function claudeCodeId(userId: string): { authProvider: string; externalId: string } {
  return { authProvider: CLAUDE_CODE, externalId: userId };
}

/**
 * The guide's `generateId()` for sessions, prompts and audit entries: @org's keys are uuids, so it
 * returns one (the team's was a prefixed text id, which a uuid column refuses with 22P02).
 *
 * @example
 * await tx.insert(sessions).values({ id: generateId(), userId, title });
 */
export function generateId(): string {
  return crypto.randomUUID();
}
