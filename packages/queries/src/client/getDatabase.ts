import { createDatabase, type CreateDatabaseOptions, type OrgDatabase } from './createDatabase.ts';

const CACHE = Symbol.for('@org/queries/databases');
type Cache = Map<string, OrgDatabase>;

/**
 * One {@link createDatabase} per process and options, kept on `globalThis`: serverless handlers and
 * hot-reloading dev servers call it on every request without opening a new pool each time.
 *
 * @example
 * export async function handler() {
 *   const { db } = getDatabase({ url: process.env.DATABASE_URL, pool: { max: 1 } });
 *   return db.query.campaigns.findMany();
 * }
 */
export function getDatabase(options: CreateDatabaseOptions = {}): OrgDatabase {
  const global = globalThis as { [CACHE]?: Cache };
  const cache = (global[CACHE] ??= new Map());
  const { logger, ...rest } = options;
  const key = JSON.stringify(rest) + (logger ? ':logged' : '');
  let database = cache.get(key);
  if (!database) {
    const created = createDatabase(options);
    const close = created.close;
    // Closing forgets it, so the next call opens a fresh one instead of returning a closed pool.
    database = { ...created, close: async (t?: number) => { cache.delete(key); await close(t); } };
    cache.set(key, database);
  }
  return database;
}
