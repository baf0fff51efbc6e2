// The app's module-level client, as production code writes it: one per process, from DATABASE_URL.
// Tests never reach this server: `useTestDatabase(test, db)` puts each test's transaction behind it.
import { createDatabase } from '@org/queries';
import { shopSchema } from './schema.js';

export const shop = createDatabase({
  schema: shopSchema,
  url: process.env.DATABASE_URL,
  pool: { max: 5, acquireTimeoutMs: 2_000 },
  applicationName: 'shop',
});
export const { db } = shop;
