import {
  AUTH_PROVIDER_PATTERN,
  EXTERNAL_ID_PATTERN,
  prompts,
  sessions,
  users,
  userSchemas,
  type NewUser,
  type User,
} from '@org/schema';
import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError, UniqueViolationError, ValidationError } from '../errors/errors.ts';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
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
  return sql`array[${sql.join(items.map((i) => sql`${i}`), sql`, `)}]::text[]`;
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

/** An external identity: who issued the id (`clerk`, `claude_code`) and the provider's id of the person. */
export interface ExternalIdentity {
  provider: string;
  externalId: string;
}

const externalIdentitySchema = z.object({
  provider: z.string().regex(AUTH_PROVIDER_PATTERN, { message: 'must be a lower-case provider key (a-z, 0-9, _; 1..50)' }),
  externalId: z.string().regex(EXTERNAL_ID_PATTERN, { message: 'must be 1..255 printable ASCII characters without spaces' }),
});

const byIdentity = (identity: ExternalIdentity) =>
  and(eq(users.authProvider, identity.provider), eq(users.externalId, identity.externalId), liveRows(users));

/**
 * The live user with this external identity (Clerk's `user_2abc…`, claude_code's `user_123`), or
 * `undefined`. A malformed provider or id is a {@link ValidationError} before SQL.
 *
 * @example
 * const user = await findUserByExternalId(db, { provider: 'clerk', externalId: auth.userId });
 * if (user) await listProjectsByUser(db, user.id);
 */
export function findUserByExternalId(db: OrgDb, identity: ExternalIdentity): Promise<User | undefined> {
  return guarded(async () => {
    const valid = validateInput(externalIdentitySchema, identity, 'external identity');
    const [user] = await db.select().from(users).where(byIdentity(valid)).limit(1);
    return user;
  });
}

/**
 * Like {@link findUserByExternalId}, but a missing user is a {@link NotFoundError}.
 *
 * @example
 * const { id } = await getUserByExternalId(db, { provider: 'claude_code', externalId: 'user_123' });
 */
export async function getUserByExternalId(db: OrgDb, identity: ExternalIdentity): Promise<User> {
  const user = await findUserByExternalId(db, identity);
  if (!user) throw new NotFoundError('users', 'auth_provider = ? and external_id = ?');
  return user;
}

/** Records a sign-in of an existing identity; `undefined` when no live user has it. */
async function touchIdentity(db: OrgDb, identity: ExternalIdentity, name: string | null | undefined) {
  const [user] = await db
    .update(users)
    .set({ lastLoginAt: new Date(), ...(name == null ? {} : { name }) })
    .where(byIdentity(identity))
    .returning();
  return user;
}

/**
 * Signs a user in by external identity: creates the account on the first sign-in, and afterwards
 * updates its name (when given) and last login. One statement, `INSERT … ON CONFLICT (auth_provider,
 * external_id) WHERE deleted_at IS NULL DO UPDATE`, so concurrent first sign-ins of one identity end
 * with one user. `email` is needed only to create the account (users.email is NOT NULL): without it,
 * an unknown identity is a {@link ValidationError}. The email of an existing account is not changed,
 * and an identity is never linked to another account by a matching email (that would let whoever
 * controls the identity claim the account): such a clash is a {@link UniqueViolationError} on
 * `users_email_live_key`.
 *
 * @example
 * const user = await upsertUserByExternalId(db, { provider: 'clerk', externalId: 'user_2abc', email: 'ada@example.com', name: 'Ada' });
 */
export function upsertUserByExternalId(
  db: OrgDb,
  input: ExternalIdentity & { email?: string | undefined; name?: string | null | undefined },
): Promise<User> {
  return guarded(async () => {
    const identity = validateInput(externalIdentitySchema, { provider: input.provider, externalId: input.externalId }, 'external identity');
    if (input.email === undefined) {
      if (input.name !== undefined) validateInput(userSchemas.update, { name: input.name }, 'user');
      const user = await touchIdentity(db, identity, input.name);
      if (!user) throw new ValidationError('email is required to create the user of a new external identity', []);
      return user;
    }
    const value = validateInput(
      userSchemas.insert,
      { email: input.email, name: input.name ?? null, authProvider: identity.provider, externalId: identity.externalId, lastLoginAt: new Date() },
      'user',
    );
    try {
      const [user] = await transaction(db, (tx) =>
        tx
          .insert(users)
          .values(value)
          .onConflictDoUpdate({
            target: [users.authProvider, users.externalId],
            // The predicate of the partial unique index users_external_identity_live_key.
            targetWhere: liveRows(users),
            set: { name: sql`coalesce(excluded.name, ${users.name})`, lastLoginAt: sql`excluded.last_login_at` },
          })
          .returning(),
      );
      return user!;
    } catch (caught) {
      const error = mapDatabaseError(caught);
      // A concurrent first sign-in of the same identity and email can meet this statement in the email
      // index before the identity index (ON CONFLICT arbitrates only the latter): by now that sign-in
      // has committed, so the identity exists and this is a sign-in of it.
      if (error instanceof UniqueViolationError && error.constraint === 'users_email_live_key') {
        const user = await touchIdentity(db, identity, input.name);
        if (user) return user;
      }
      throw error;
    }
  });
}
