// Guide section "Inferring Types from Schema".
import type { projects } from '@org/schema';

/** A project row (guide: `typeof projects.$inferSelect`, unchanged). */
export type Project = typeof projects.$inferSelect;
/** A project to insert (guide: `typeof projects.$inferInsert`, unchanged). */
export type NewProject = typeof projects.$inferInsert;
/** For partial updates (guide, unchanged). */
export type ProjectUpdate = Partial<Omit<NewProject, 'id' | 'createdAt'>>;
