import { prompts, sessions, users, userSchemas, type NewUser, type User } from '@org/schema';
import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { ConflictError, NotFoundError, ValidationError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { liveRows } from '../repository/softDeleteScope.ts';
import { validateInput } from '../repository/validateInput.ts';
import { transaction } from '../transactions/transaction.ts';
import { orgRepositoriesFor } from './orgRepositories.ts';
import { invalidUserIds } from './userIds.ts';

/** A JSON value for {@link setUserPreference}. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Signs a user in by email: creates the account, or updates the name and last login of the live
 * account with that email (`ON CONFLICT (email) WHERE deleted_at IS NULL`). A soft-deleted account's
 * email starts a new account.
 *
 * @example
 * const user = await upsertUserByEmail(db, { email: 'ada@example.com', name: 'Ada' });
 */
export function upsertUserByEmail(db: OrgDb, input: Pick<NewUser, 'email' | 'name'>): Promise<User> {
  return guarded(async () => {
    const value = validateInput(userSchemas.insert, { ...input, lastLoginAt: new Date() }, 'user');
    const [user] = await db
      .insert(users)
      .values(value)
      .onConflictDoUpdate({
        target: users.email,
        // The predicate of the partial unique index users_email_live_key: the live rows.
        targetWhere: liveRows(users),
        set: { name: sql`coalesce(excluded.name, ${users.name})`, lastLoginAt: sql`excluded.last_login_at` },
      })
      .returning();
    return user!;
  });
}

/**
 * Replaces a refresh token only if the caller presents the current one (a conditional UPDATE, so two
 * concurrent rotations cannot both win); a mismatch is a {@link ConflictError}.
 *
 * @example
 * await rotateRefreshToken(db, { userId, presented: oldToken, next: crypto.randomUUID() });
 */
export function rotateRefreshToken(db: OrgDb, input: { userId: string; presented: string; next: string }): Promise<User> {
  const bad = invalidUserIds({ userId: input.userId });
  if (bad) return Promise.reject(bad);
  return guarded(async () => {
    const [user] = await db
      .update(users)
      .set({ refreshToken: input.next })
      .where(and(eq(users.id, input.userId), eq(users.refreshToken, input.presented), liveRows(users)))
      .returning();
    if (!user) throw new ConflictError('refresh token mismatch: it was rotated already or never issued');
    return user;
  });
}

const PATH_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/** `array[$1, $2, …]::text[]`: drizzle would expand a JS array into a row of parameters. */
function textArray(items: readonly string[]) {
  return sql`array[${sql.join(
    items.map((i) => sql`${i}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * Sets one value inside `users.metadata` with `jsonb_set`, creating missing objects on the way; the
 * path and value are bound parameters.
 *
 * @example
 * await setUserPreference(db, userId, ['preferences', 'theme'], 'dark');
 */
export function setUserPreference(db: OrgDb, userId: string, path: readonly string[], value: JsonValue): Promise<User> {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  if (path.length === 0 || path.length > 8 || !path.every((p) => PATH_SEGMENT.test(p))) {
    return Promise.reject(new ValidationError('path must be 1..8 segments of letters, digits, _ or -'));
  }
  return guarded(async () => {
    // jsonb_set does not create intermediate objects; merge an empty object at each parent first.
    let target = sql`coalesce(${users.metadata}, '{}'::jsonb)`;
    for (let depth = 1; depth < path.length; depth++) {
      const parent = path.slice(0, depth);
      target = sql`jsonb_set(${target}, ${textArray(parent)}, coalesce(${target} #> ${textArray(parent)}, '{}'::jsonb), true)`;
    }
    const [user] = await db
      .update(users)
      .set({ metadata: sql`jsonb_set(${target}, ${textArray(path)}, ${JSON.stringify(value)}::jsonb, true)` })
      .where(and(eq(users.id, userId), liveRows(users)))
      .returning();
    if (!user) throw new NotFoundError('users', 'id = ?');
    return user;
  });
}

/**
 * Creates a user, their first session and a welcome prompt, all or nothing.
 *
 * @example
 * const { user, session } = await createUserWithSession(db, { email: 'a@b.co' }, 'Welcome Session');
 */
export async function createUserWithSession(db: OrgDb, user: NewUser, title = 'Welcome Session') {
  const value = validateInput(userSchemas.insert, user, 'user');
  return transaction(db, async (tx) => {
    const [created] = await tx.insert(users).values(value).returning();
    const [session] = await tx.insert(sessions).values({ userId: created!.id, title }).returning();
    await tx.insert(prompts).values({ sessionId: session!.id, userId: created!.id, content: 'Welcome!' });
    return { user: created!, session: session! };
  });
}

/**
 * A live user with their most recent sessions.
 *
 * @example
 * const user = await getUserWithRecentSessions(db, userId, 10);
 */
export function getUserWithRecentSessions(db: OrgDb, userId: string, limit = 10) {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  return orgRepositoriesFor(db).users.findFirstWith({
    where: eq(users.id, userId),
    with: { sessions: { orderBy: [desc(sessions.createdAt), desc(sessions.id)], limit: Math.min(limit, 100) } },
  });
}

/**
 * Deletes a user's sessions inactive since before a date; returns how many.
 *
 * @example
 * await deleteInactiveSessions(db, userId, new Date(Date.now() - 30 * 86_400_000));
 */
export function deleteInactiveSessions(db: OrgDb, userId: string, before: Date): Promise<number> {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  return guarded(async () => {
    const gone = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), lt(sessions.lastActiveAt, before)))
      .returning({ id: sessions.id });
    return gone.length;
  });
}

/**
 * Users created since a date with their session counts, most active first.
 *
 * @example
 * const top = await getUserSessionStats(db, since, 20);
 */
export function getUserSessionStats(db: OrgDb, since: Date, limit = 20) {
  return guarded(() =>
    db
      .select({ id: users.id, email: users.email, sessionCount: count(sessions.id) })
      .from(users)
      .leftJoin(sessions, eq(sessions.userId, users.id))
      .where(and(gte(users.createdAt, since), liveRows(users)))
      .groupBy(users.id)
      .orderBy(desc(count(sessions.id)), users.id)
      .limit(Math.min(limit, 100)),
  );
}
