import { AUTH_PROVIDER_PATTERN, EXTERNAL_ID_PATTERN, users, userSchemas, type User } from '@org/schema';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, UniqueViolationError, ValidationError } from '../errors/errors.ts';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { liveRows } from '../repository/softDeleteScope.ts';
import { validateInput } from '../repository/validateInput.ts';
import { transaction } from '../transactions/transaction.ts';

// Users by the id another system gave them (Clerk's `user_2abc…`, claude_code's `user_123`): lookups and
// the sign-in upsert, on users.auth_provider + users.external_id (unique among live users).

/** An external identity: who issued the id (`clerk`, `claude_code`) and the provider's id of the person. */
export interface ExternalIdentity {
  provider: string;
  externalId: string;
}

const externalIdentitySchema = z.object({
  provider: z.string().regex(AUTH_PROVIDER_PATTERN, { message: 'must be a lower-case provider key (a-z, 0-9, _; 1..50)' }),
  externalId: z.string().regex(EXTERNAL_ID_PATTERN, { message: 'must be 1..255 printable ASCII characters without spaces' }),
});

const byIdentity = (identity: ExternalIdentity) => and(eq(users.authProvider, identity.provider), eq(users.externalId, identity.externalId), liveRows(users));

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
export function upsertUserByExternalId(db: OrgDb, input: ExternalIdentity & { email?: string | undefined; name?: string | null | undefined }): Promise<User> {
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
