// usegemz signs people in with Clerk: every `userId` in its guide is Clerk's text id (`user_2abc…`).
// @org keys users by uuid and keeps the Clerk id in users.external_id, so the team resolves it once at
// the edge and passes the uuid on. This is the one line every user-scoped query of the guide changes.
import { getUserByExternalId, upsertUserByExternalId, type OrgDb } from '@org/queries';
import type { User } from '@org/schema';

/** usegemz's identity provider key in users.auth_provider. */
export const CLERK = 'clerk';

/**
 * The @org user id (uuid) of a Clerk user; a NotFoundError when no live user has that Clerk id, a
 * ValidationError (before SQL) when the id is malformed — never PostgreSQL's 22P02.
 *
 * @example
 * const userId = await userIdForClerk(db, auth().userId); // guide: eq(userProfiles.userId, clerkUserId)
 */
export async function userIdForClerk(db: OrgDb, clerkUserId: string): Promise<string> {
  return (await getUserByExternalId(db, { provider: CLERK, externalId: clerkUserId })).id;
}

/**
 * The Clerk webhook / first request of a session: creates the @org user of a Clerk id once (concurrent
 * first sign-ins end with one user) and records the sign-in afterwards.
 *
 * @example
 * const user = await signInWithClerk(db, { clerkUserId: 'user_2abc', email: 'ada@example.com' });
 */
export function signInWithClerk(db: OrgDb, input: { clerkUserId: string; email: string; name?: string }): Promise<User> {
  return upsertUserByExternalId(db, { provider: CLERK, externalId: input.clerkUserId, email: input.email, name: input.name });
}
