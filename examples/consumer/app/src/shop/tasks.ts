// App functions that import the module-level client and repositories (tested unchanged through
// useTestDatabase): the code a team already has, not written to take a db parameter.
import { transaction } from '@org/queries';
import { eq, sql } from 'drizzle-orm';
import { db } from './db.js';
import { labelsRepo, tasksRepo } from './repositories.js';
import { tasks, type Label, type Task } from './schema.js';

/** Creates a task with its labels in one transaction (a savepoint when a test's transaction is bound). */
export async function createTaskWithLabels(
  input: { teamId: string; title: string; priority?: number },
  names: readonly string[],
): Promise<{ task: Task; labels: Label[] }> {
  return transaction(db, async (tx) => {
    const task = await tasksRepo.in(tx).create(input);
    const created = names.length ? await labelsRepo.in(tx).createMany(names.map((name) => ({ taskId: task.id, name }))) : [];
    return { task, labels: created };
  });
}

/** Raises every live task of a team by one priority step with the builder on the module client. */
export async function bumpPriorities(teamId: string): Promise<number> {
  const rows = await db
    .update(tasks)
    .set({ priority: sql`${tasks.priority} + 1` })
    .where(sql`${tasks.teamId} = ${teamId} and ${tasks.deletedAt} is null`)
    .returning({ id: tasks.id });
  return rows.length;
}

/** The team's live tasks with their labels, through the typed relational read. */
export async function tasksOfTeam(teamId: string) {
  return tasksRepo.findManyWith({ where: eq(tasks.teamId, teamId), with: { labels: true }, orderBy: (t, { asc }) => [asc(t.title)] });
}
