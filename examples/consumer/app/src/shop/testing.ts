// The app's own test kit: fixtures over its schema and migrations, and factories for its tables.
import { fileURLToPath } from 'node:url';
import { defineFactories } from '@org/testing';
import { createDatabaseTest } from '@org/testing/vitest';
import { labels, shopSchema, tasks, teams } from './schema.js';

export const makeShopFactories = defineFactories(
  { teams, tasks, labels },
  {
    teams: { defaults: ({ sequence, tag }) => ({ slug: `team-${tag}-${sequence}`, name: `Team ${sequence}` }) },
    tasks: {
      defaults: ({ sequence }) => ({ title: `Task ${sequence}`, priority: sequence % 5 }),
      traits: { urgent: () => ({ priority: 100 }), deleted: () => ({ deletedAt: new Date() }) },
    },
    labels: { defaults: ({ sequence }) => ({ name: `label-${sequence}` }) },
  },
);

export const test = createDatabaseTest({
  schema: shopSchema,
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  databasePrefix: 'consumer',
}).extend<{ factories: ReturnType<typeof makeShopFactories> }>({
  factories: async ({ db }, use) => use(makeShopFactories(db, { seed: 7 })),
});
