// Guide sections "Basic Transaction" and "Transaction with Rollback", on the module-level `db`.
import { activityLog, conversations, messages, projects } from '@org/schema';
import { and, eq } from 'drizzle-orm';
import { db } from './db.ts';
import type { NewProject } from './types.ts';

/**
 * A project, its first conversation and the system message, all or nothing.
 *
 * @example
 * const project = await createProjectWithConversation({ name: 'p', userId }, 'You are a product helper.');
 */
export async function createProjectWithConversation(projectData: NewProject, initialMessage: string) {
  return db.transaction(async (tx) => {
    // Create project
    const [project] = await tx.insert(projects).values(projectData).returning();

    // Create conversation
    // guide: `project.id` → `project!.id` (noUncheckedIndexedAccess; RETURNING of one insert is one row)
    const [conversation] = await tx.insert(conversations).values({ projectId: project!.id }).returning();

    // Create initial message
    await tx.insert(messages).values({
      conversationId: conversation!.id, // guide: `conversation.id`, same reason
      role: 'system',
      content: initialMessage,
    });

    return project!;
  });
}

/**
 * Moves a project to another owner and logs it; nothing changes if `fromUserId` does not own it.
 *
 * @example
 * await transferProject(projectId, aliceId, bobId); // throws 'Project not found or not owned by user' otherwise
 */
export async function transferProject(projectId: string, fromUserId: string, toUserId: string) {
  return db.transaction(async (tx) => {
    // Verify ownership
    const project = await tx.query.projects.findFirst({
      where: and(eq(projects.id, projectId), eq(projects.userId, fromUserId)),
    });

    if (!project) {
      throw new Error('Project not found or not owned by user');
      // Transaction automatically rolls back on throw
    }

    // Transfer ownership
    await tx.update(projects).set({ userId: toUserId, updatedAt: new Date() }).where(eq(projects.id, projectId));

    // Log the transfer
    await tx.insert(activityLog).values({
      type: 'project_transfer',
      projectId,
      fromUserId,
      toUserId,
    });

    return { success: true };
  });
}
