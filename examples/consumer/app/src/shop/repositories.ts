// The app's repositories over its module-level client: every call follows a test's binding.
import { createRepository } from '@org/queries';
import { db } from './db.js';
import { labels, tasks, teams } from './schema.js';

export const teamsRepo = createRepository(db, teams, { sortable: ['slug', 'createdAt'] });
export const tasksRepo = createRepository(db, tasks, {
  sortable: ['priority', 'createdAt', 'title'],
  defaultSort: [['priority', 'desc']],
  immutable: ['teamId'],
  maxPageSize: 50,
});
export const labelsRepo = createRepository(db, labels);
