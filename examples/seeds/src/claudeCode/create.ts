// Guide section "CRUD Operations → Create (INSERT)" and "Common Patterns → Upsert Pattern".
import { createOrgRepositories, type OrgDb } from '@org/queries';
import { users, type User } from '@org/schema';
import { isNull } from 'drizzle-orm';
import { claudeCodeId } from './identity.ts';

/**
 * Single insert. `last_login_at` has no default on @org (#13 decision): a created user has not signed
 * in, so it is null until a sign-in sets it.
 *
 * @example
 * const [user] = await createUser(db);
 */
export function createUser(db: OrgDb): Promise<User[]> {
  return db
    .insert(users)
    .values({
      ...claudeCodeId('user_123'), // guide: id: 'user_123'
      email: 'user@example.com',
      name: 'John Doe',
    })
    .returning();
}

/**
 * Bulk insert.
 *
 * @example
 * const created = await createUsers(db);
 */
export function createUsers(db: OrgDb): Promise<User[]> {
  return db
    .insert(users)
    .values([
      { ...claudeCodeId('user_1'), email: 'user1@example.com', name: 'User 1' }, // guide: id: 'user_1'
      { ...claudeCodeId('user_2'), email: 'user2@example.com', name: 'User 2' },
    ])
    .returning();
}

/**
 * Insert with conflict handling / the Upsert Pattern: a sign-in by email. users.email is unique among
 * live rows only (a partial index), so PostgreSQL needs the index's predicate to pick it; without
 * `targetWhere` the guide's statement fails with 42P10.
 *
 * @example
 * const [user] = await upsertUser(db, { id: 'user_123', email, name });
 */
export function upsertUser(db: OrgDb, input: { id: string; email: string; name: string | null }): Promise<User[]> {
  const { id, email, name } = input;
  return (
    db
      .insert(users)
      // guide: values({ id, email, name }) — also stamps the first sign-in (last_login_at has no default)
      .values({ ...claudeCodeId(id), email, name, lastLoginAt: new Date() })
      .onConflictDoUpdate({
        target: users.email,
        targetWhere: isNull(users.deletedAt), // added: the partial unique index's predicate
        set: { name, lastLoginAt: new Date() },
      })
      .returning()
  );
}

/**
 * The same upsert through @org's users repository, which derives the partial index's predicate itself:
 * the guide's `target: users.email` works as written.
 *
 * @example
 * const user = await upsertUserWithRepository(db, { id: 'user_123', email, name });
 */
export function upsertUserWithRepository(db: OrgDb, input: { id: string; email: string; name: string | null }): Promise<User> {
  const { id, email, name } = input;
  return createOrgRepositories(db).users.upsert(
    { ...claudeCodeId(id), email, name, lastLoginAt: new Date() },
    { target: users.email, set: ['name', 'lastLoginAt'] },
  );
}
