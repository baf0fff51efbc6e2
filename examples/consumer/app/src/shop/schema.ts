// The consumer app's own drizzle schema (not @org's tables), built with @org/schema's column helpers:
// teams own tasks; tasks are soft-deletable and carry labels (an integer-keyed table).
import { primaryId, softDelete, timestamps, timestamptz } from '@org/schema';
import { relations, sql } from 'drizzle-orm';
import { integer, pgTable, serial, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

export const teams = pgTable('shop_teams', {
  id: primaryId(),
  slug: varchar('slug', { length: 40 }).notNull().unique('shop_teams_slug_key'),
  name: varchar('name', { length: 100 }).notNull(),
  ...timestamps(),
});

export const tasks = pgTable(
  'shop_tasks',
  {
    id: primaryId(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 100 }).notNull(),
    priority: integer('priority').notNull().default(0),
    notes: text('notes'),
    dueAt: timestamptz('due_at'),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [uniqueIndex('shop_tasks_team_title_live_key').on(t.teamId, t.title).where(sql`deleted_at is null`)],
);

export const labels = pgTable('shop_labels', {
  id: serial('id').primaryKey(),
  taskId: uuid('task_id')
    .notNull()
    .references(() => tasks.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
});

export const teamsRelations = relations(teams, ({ many }) => ({ tasks: many(tasks) }));
export const tasksRelations = relations(tasks, ({ one, many }) => ({
  team: one(teams, { fields: [tasks.teamId], references: [teams.id] }),
  labels: many(labels),
}));
export const labelsRelations = relations(labels, ({ one }) => ({
  task: one(tasks, { fields: [labels.taskId], references: [tasks.id] }),
}));

export const shopSchema = { teams, tasks, labels, teamsRelations, tasksRelations, labelsRelations };
export type Team = typeof teams.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type Label = typeof labels.$inferSelect;
