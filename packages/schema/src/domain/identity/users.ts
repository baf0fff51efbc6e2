import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { softDelete } from '../../columns/softDelete.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import type { UserMetadata } from '../../json/misc.ts';

/**
 * Accounts. Merges the product-helper `users` and the claude-code `claude_code_users` tables: one uuid
 * identity that projects, campaigns, sessions and profiles all reference.
 *
 * External identity (#13): `auth_provider` + `external_id`, e.g. `clerk` + `user_2abc…` (usegemz) or
 * `claude_code` + `user_123`. Decision: two nullable columns on `users`, not a `user_identities` table.
 * Each team signs a person in through exactly one provider, so one identity per account covers every
 * seed; the columns need no new join, no new row-level-security policy (users_owner already guards the
 * row) and no second write to keep in step. A person linked to several providers would need the table;
 * moving the pair there later is a plain INSERT … SELECT. Both columns are set or both are null (a
 * check), and the pair is unique among live rows, like the email: a soft-deleted account's identity
 * signs up afresh. The primary key stays a uuid: the teams' text ids live in `external_id`.
 *
 * Table name (#13): `users`, not claude_code's `claude_code_users` (one account table for every team;
 * the prefix named the app, not the entity). The team's drizzle code imports `users` and is unchanged;
 * its raw SQL naming `claude_code_users` changes to `users`, or better interpolates `${users}` so
 * drizzle writes the name. Whether adoption leaves a compatibility view is the claude_code bridge's call
 * (see its adoption test); @org's schema has none.
 *
 * @example
 * const rows = await db.select().from(users).limit(10);
 */
export const users = pgTable(
  'users',
  {
    id: primaryId(),
    email: varchar('email', { length: 320 }).notNull(),
    name: text('name'),
    metadata: jsonb('metadata').$type<UserMetadata>().default({}).notNull(),
    refreshToken: text('refresh_token'),
    // Decision (#13): nullable without a default; null means "never signed in" (an account made by an
    // admin, an import or a sign-up not yet completed). claude_code's DDL had `defaultNow().notNull()`,
    // which stamped a login on every insert. Its code changes: an insert that is a sign-in passes
    // `lastLoginAt: new Date()` (its upsert's update branch already does; upsertUserByExternalId does
    // both); reads get `Date | null`, which TypeScript flags; `gte(users.lastLoginAt, d)` skips
    // never-signed-in rows. Adopted rows keep their values (all set): only NOT NULL and the default go.
    lastLoginAt: timestamptz('last_login_at'),
    /** Who issued `externalId`: a lower-case provider key such as `clerk` or `claude_code`. */
    authProvider: varchar('auth_provider', { length: 50 }),
    /** The provider's own id of this person (Clerk's `user_2abc…`, claude_code's `user_123`). */
    externalId: varchar('external_id', { length: 255 }),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    keysetIndex('users', t.createdAt, t.id),
    // Unique among live rows only: a soft-deleted account's email can sign up again.
    uniqueIndex('users_email_live_key').on(t.email).where(sql`${t.deletedAt} is null`),
    index('idx_users_email').on(t.email),
    // One live account per external identity; also the lookup index of findUserByExternalId.
    uniqueIndex('users_external_identity_live_key').on(t.authProvider, t.externalId).where(sql`${t.deletedAt} is null`),
    check('users_external_identity_pair_check', sql`(${t.authProvider} is null) = (${t.externalId} is null)`),
  ],
);
