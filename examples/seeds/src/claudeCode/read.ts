// Guide section "CRUD Operations → Read (SELECT)".
import type { OrgDb } from '@org/queries';
import { sessions, users } from '@org/schema';
import { and, desc, gte, like, sql } from 'drizzle-orm';
import { byClaudeCodeId } from './identity.ts';

/**
 * Find by ID (claude_code's id).
 *
 * @example
 * const user = await findUserById(db, 'user_123');
 */
export function findUserById(db: OrgDb, userId: string) {
  return db.query.users.findFirst({
    where: byClaudeCodeId(userId), // guide: eq(users.id, userId)
  });
}

/**
 * Find with conditions, unchanged. Users who never signed in (last_login_at null) do not match `gte`;
 * soft-deleted users do, as in any plain drizzle select (repositories hide them).
 *
 * @example
 * const activeUsers = await findActiveCompanyUsers(db);
 */
export function findActiveCompanyUsers(db: OrgDb) {
  return db
    .select()
    .from(users)
    .where(and(gte(users.lastLoginAt, new Date('2024-01-01')), like(users.email, '%@company.com')))
    .orderBy(desc(users.createdAt));
}

/**
 * With relations: the user and their ten newest sessions.
 *
 * @example
 * const userWithSessions = await findUserWithSessions(db, 'user_123');
 */
export function findUserWithSessions(db: OrgDb, userId: string) {
  return db.query.users.findFirst({
    where: byClaudeCodeId(userId), // guide: eq(users.id, userId)
    with: {
      sessions: {
        orderBy: desc(sessions.createdAt),
        limit: 10,
      },
    },
  });
}

/**
 * Pagination by offset, unchanged (the guide orders nothing, so pages are in no defined order; @org's
 * `repos.users.page` / `paginate` sort and break ties).
 *
 * @example
 * const paginatedUsers = await paginateUsers(db, 1);
 */
export function paginateUsers(db: OrgDb, page = 1) {
  const limit = 20;
  const offset = (page - 1) * limit;

  return db.select().from(users).limit(limit).offset(offset);
}

/**
 * Count total, unchanged (`count(*)::int` is a number on both engines).
 *
 * @example
 * const count = await countUsers(db);
 */
export async function countUsers(db: OrgDb): Promise<number> {
  const [{ count }] = (await db
    .select({
      count: sql<number>`count(*)::int`,
    })
    .from(users)) as [{ count: number }]; // added: noUncheckedIndexedAccess types [0] as possibly undefined
  return count;
}
