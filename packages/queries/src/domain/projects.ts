import { activityLog, conversations, messages, projects, projectSchemas, type NewProject, type Project } from '@org/schema';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { NotFoundError } from '../errors/errors.ts';
import { guarded } from '../internal/guarded.ts';
import type { OrgDb } from '../internal/OrgDb.ts';
import { liveRows } from '../repository/softDeleteScope.ts';
import { validateInput } from '../repository/validateInput.ts';
import { transaction } from '../transactions/transaction.ts';
import { writeAuditLog } from './audit.ts';
import { orgRepositoriesFor } from './orgRepositories.ts';
import { invalidUserIds } from './userIds.ts';

/**
 * A live project with its most recent conversation (and that conversation's messages), or undefined.
 *
 * @example
 * const project = await getProjectWithLatestConversation(db, id);
 * project?.conversations[0]?.messages.length;
 */
export function getProjectWithLatestConversation(db: OrgDb, projectId: string) {
  return orgRepositoriesFor(db).projects.findFirstWith({
    where: eq(projects.id, projectId),
    with: {
      conversations: {
        orderBy: [desc(conversations.createdAt), desc(conversations.id)],
        limit: 1,
        with: { messages: { orderBy: [messages.createdAt, messages.id] } },
      },
    },
  });
}

/**
 * A user's live projects, most recently updated first, one page at a time with the total.
 *
 * @example
 * const { items, total, pageCount } = await listProjectsByUser(db, userId, { page: 2, pageSize: 10 });
 */
export function listProjectsByUser(db: OrgDb, userId: string, options: { page?: number; pageSize?: number } = {}) {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  return orgRepositoriesFor(db).projects.page({
    where: { userId },
    orderBy: [['updatedAt', 'desc']],
    page: options.page ?? 1,
    pageSize: options.pageSize ?? 10,
  });
}

/**
 * Creates a project with its first conversation and a system message, all or nothing.
 *
 * @example
 * const project = await createProjectWithConversation(db, { name: 'Atlas', userId }, 'You are a product analyst.');
 */
export async function createProjectWithConversation(db: OrgDb, project: NewProject, initialMessage: string): Promise<Project> {
  const bad = invalidUserIds({ userId: project.userId });
  if (bad) throw bad;
  const value = validateInput(projectSchemas.insert, project, 'project');
  return transaction(db, async (tx) => {
    const [created] = await tx.insert(projects).values(value).returning();
    const [conversation] = await tx.insert(conversations).values({ projectId: created!.id }).returning();
    await tx.insert(messages).values({ conversationId: conversation!.id, role: 'system', content: initialMessage });
    return created!;
  });
}

/**
 * Moves a project to another user: checks ownership under a row lock, reassigns it, and writes the
 * activity-log and audit entries, in one transaction. A project that does not exist, is deleted, or
 * is not the sender's is a {@link NotFoundError} (which of the three is not revealed).
 *
 * @example
 * await transferProject(db, { projectId, fromUserId: alice.id, toUserId: bob.id });
 */
export function transferProject(db: OrgDb, input: { projectId: string; fromUserId: string; toUserId: string }): Promise<Project> {
  const bad = invalidUserIds({ fromUserId: input.fromUserId, toUserId: input.toUserId });
  if (bad) return Promise.reject(bad);
  return transaction(db, async (tx) => {
    const [owned] = await tx
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, input.projectId), eq(projects.userId, input.fromUserId), liveRows(projects)))
      .for('update');
    if (!owned) throw new NotFoundError('projects', 'id = ? owned by the sender');
    const [moved] = await tx.update(projects).set({ userId: input.toUserId }).where(eq(projects.id, input.projectId)).returning();
    await tx.insert(activityLog).values({
      type: 'project_transfer',
      projectId: input.projectId,
      fromUserId: input.fromUserId,
      toUserId: input.toUserId,
    });
    await writeAuditLog(tx, {
      userId: input.fromUserId,
      action: 'UPDATE',
      tableName: 'projects',
      recordId: input.projectId,
      changes: { userId: { from: input.fromUserId, to: input.toUserId } },
    });
    return moved!;
  });
}

/**
 * Count and average validation score of a user's live projects per status.
 *
 * @example
 * const stats = await getProjectStats(db, userId); // [{ status: 'active', count: 3, avgScore: 70 }, …]
 */
export function getProjectStats(db: OrgDb, userId: string) {
  const bad = invalidUserIds({ userId });
  if (bad) return Promise.reject(bad);
  return guarded(() =>
    db
      .select({
        status: projects.status,
        count: sql<number>`count(*)::int`.mapWith(Number),
        avgScore: sql<number>`round(avg(${projects.validationScore}), 2)`.mapWith(Number),
      })
      .from(projects)
      .where(and(eq(projects.userId, userId), liveRows(projects)))
      .groupBy(projects.status)
      .orderBy(projects.status),
  );
}

/**
 * Full-text search over live projects (name weighs more than description), at least `minScore`
 * validation score, best match first.
 *
 * @example
 * const hits = await searchProjects(db, { query: 'invoice tracking', minScore: 50 });
 */
export function searchProjects(db: OrgDb, options: { query: string; minScore?: number; userId?: string; limit?: number }) {
  // An empty string is refused, not read as "every user".
  const bad = invalidUserIds({ userId: options.userId }, ['userId']);
  if (bad) return Promise.reject(bad);
  return guarded(() => {
    const q = sql`websearch_to_tsquery('english', ${options.query.slice(0, 1000)})`;
    const rank = sql<number>`ts_rank(${projects.searchVector}, ${q})`.mapWith(Number);
    return db
      .select({ project: projects, rank })
      .from(projects)
      .where(
        and(
          sql`${projects.searchVector} @@ ${q}`,
          gte(projects.validationScore, options.minScore ?? 0),
          options.userId !== undefined ? eq(projects.userId, options.userId) : undefined,
          liveRows(projects),
        ),
      )
      .orderBy(desc(rank), desc(projects.id))
      .limit(Math.min(options.limit ?? 20, 100));
  });
}
