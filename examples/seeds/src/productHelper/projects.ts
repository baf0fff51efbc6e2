// Guide section "Basic CRUD Operations" (lib/db/queries/projects.ts), on the module-level `db`.
import { conversations, projects } from '@org/schema';
import { desc, eq } from 'drizzle-orm';
import { db } from './db.ts';
import type { NewProject, Project } from './types.ts';

/**
 * Create.
 *
 * @example
 * const project = await createProject({ name: 'Checkout redesign', userId });
 */
export async function createProject(data: NewProject): Promise<Project> {
  const [project] = await db.insert(projects).values(data).returning();
  // guide: `return project;` → `project!`: under noUncheckedIndexedAccess the first element may be
  // undefined; an INSERT … RETURNING of one row returns one row (or throws).
  return project!;
}

/**
 * Read single.
 *
 * @example
 * const project = await getProject(id);
 */
export async function getProject(id: string): Promise<Project | undefined> {
  // guide: `Promise<Project | null>` → `Project | undefined`: findFirst gives undefined for no row,
  // which the guide's annotation does not type-check against.
  return db.query.projects.findFirst({
    where: eq(projects.id, id),
  });
}

/**
 * Read with relations: the project and its latest conversation.
 *
 * @example
 * const project = await getProjectWithConversations(id);
 * const latest = project?.conversations[0];
 */
export async function getProjectWithConversations(id: string) {
  return db.query.projects.findFirst({
    where: eq(projects.id, id),
    with: {
      conversations: {
        orderBy: desc(conversations.createdAt),
        limit: 1,
      },
    },
  });
}

/**
 * Read list with pagination.
 *
 * @example
 * const page = await getProjectsByUser(userId, { limit: 10, offset: 10 });
 */
export async function getProjectsByUser(userId: string, { limit = 10, offset = 0 }: { limit?: number; offset?: number }): Promise<Project[]> {
  return db.query.projects.findMany({
    where: eq(projects.userId, userId),
    // As the guide has it. Rows inserted in one transaction share updated_at (now() is the
    // transaction's start), and offset pages over such a tie may repeat or skip a row: add
    // `desc(projects.id)` if that matters (or page with @org's keyset `paginate`).
    orderBy: desc(projects.updatedAt),
    limit,
    offset,
  });
}

/**
 * Update.
 *
 * @example
 * const project = await updateProject(id, { name: 'Renamed' });
 */
export async function updateProject(id: string, data: Partial<NewProject>): Promise<Project | null> {
  const [project] = await db
    .update(projects)
    .set({ ...data, updatedAt: new Date() })
    .where(eq(projects.id, id))
    .returning();
  return project ?? null;
}

/**
 * Delete.
 *
 * @example
 * const deleted = await deleteProject(id);
 */
export async function deleteProject(id: string): Promise<boolean> {
  // guide: `result.rowCount > 0` (node-postgres) → `.returning({ id })`: postgres.js reports `count`
  // and PGlite `affectedRows`; the returned rows say it the same way on both.
  const result = await db.delete(projects).where(eq(projects.id, id)).returning({ id: projects.id });
  return result.length > 0;
}
