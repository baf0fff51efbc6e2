// Guide section "CRUD Operations → Update".
import type { OrgDb } from '@org/queries';
import { users, type User } from '@org/schema';
import { and, eq, sql } from 'drizzle-orm';
import { byClaudeCodeId } from './identity.ts';

/**
 * Update single record.
 *
 * @example
 * const [updatedUser] = await updateUserName(db, 'user_123', 'New Name');
 */
export function updateUserName(db: OrgDb, userId: string, name = 'New Name'): Promise<User[]> {
  return db
    .update(users)
    .set({
      name,
      lastLoginAt: new Date(),
    })
    .where(byClaudeCodeId(userId)) // guide: eq(users.id, userId)
    .returning();
}

/**
 * Update with JSON operations: `jsonb_set` on the metadata, unchanged (@org's metadata is NOT NULL
 * default '{}', so the COALESCE is harmless).
 *
 * @example
 * await setDarkTheme(db, 'user_123');
 */
export function setDarkTheme(db: OrgDb, userId: string): Promise<User[]> {
  return db
    .update(users)
    .set({
      metadata: sql`
        jsonb_set(
          COALESCE(metadata, '{}'::jsonb),
          '{preferences,theme}',
          '"dark"'
        )
      `,
    })
    .where(byClaudeCodeId(userId)) // guide: eq(users.id, userId)
    .returning();
}

/**
 * Conditional update: rotate the refresh token only if the caller holds the current one.
 *
 * @example
 * await rotateToken(db, 'user_123', oldToken, newToken);
 */
export async function rotateToken(db: OrgDb, userId: string, oldToken: string, newToken: string): Promise<User> {
  const result = await db
    .update(users)
    .set({ refreshToken: newToken })
    .where(
      and(
        byClaudeCodeId(userId), // guide: eq(users.id, userId)
        eq(users.refreshToken, oldToken),
      ),
    )
    .returning();

  if (result.length === 0) {
    throw new Error('Token mismatch');
  }
  return result[0]!;
}
