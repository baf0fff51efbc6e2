// Guide section "Transactions".
import type { OrgDb } from '@org/queries';
import { prompts, sessions, users, type NewSession, type NewUser } from '@org/schema';
import { claudeCodeId, generateId } from './identity.ts';

/**
 * Create a user with a welcome session and prompt, atomically.
 *
 * @example
 * const { user, session } = await onboardUser(db, { id: 'user_123', email, name });
 */
export async function onboardUser(db: OrgDb, input: { id: string; email: string; name: string }) {
  const { id, email, name } = input;
  const result = await db.transaction(async (tx) => {
    // Create user
    const [user] = await tx
      .insert(users)
      .values({ ...claudeCodeId(id), email, name }) // guide: values({ id, email, name })
      .returning();

    // Create initial session
    const [session] = await tx
      .insert(sessions)
      .values({
        id: generateId(),
        userId: user!.id,
        title: 'Welcome Session',
      })
      .returning();

    // Create welcome prompt
    await tx.insert(prompts).values({
      id: generateId(),
      sessionId: session!.id,
      userId: user!.id,
      content: 'Welcome to Claude Code!',
    });

    return { user: user!, session: session! };
  });
  return result;
}

/**
 * Transaction with rollback: `tx.rollback()` throws, nothing is written, the caller's catch runs.
 * Returns whether the transaction committed.
 *
 * @example
 * const committed = await createWithOptionalRollback(db, userData, sessionData, someCondition);
 */
export async function createWithOptionalRollback(db: OrgDb, userData: NewUser, sessionData: NewSession, someCondition: boolean): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      await tx.insert(users).values(userData);

      if (someCondition) {
        tx.rollback(); // Manually rollback
      }

      await tx.insert(sessions).values(sessionData);
    });
    return true;
  } catch (error) {
    // Transaction rolled back (the guide logs it: console.error('Transaction failed:', error))
    void error;
    return false;
  }
}
