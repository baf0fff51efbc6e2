import type { OrgSchema } from '@org/schema';
import { createDatabase, type CreateDatabaseOptions, type Database, type OrgDatabase } from './createDatabase.ts';

const CACHE = Symbol.for('@org/queries/databases');
type Cache = Map<string, Database<Record<string, unknown>>>;
/** Schemas get an identity of their own in the cache key (two schemas must never share a client). */
const schemaIds = new WeakMap<object, number>();
let nextSchemaId = 1;

/**
 * One {@link createDatabase} per process, schema and options, kept on `globalThis`: serverless handlers
 * and hot-reloading dev servers call it on every request without opening a new pool each time.
 *
 * @example
 * export async function handler() {
 *   const { db } = getDatabase({ url: process.env.DATABASE_URL, pool: { max: 1 } });
 *   return db.query.campaigns.findMany();
 * }
 */
export function getDatabase<TSchema extends Record<string, unknown>>(options: CreateDatabaseOptions<TSchema> & { schema: TSchema }): Database<TSchema>;
export function getDatabase(options?: CreateDatabaseOptions<OrgSchema>): OrgDatabase;
export function getDatabase(options: CreateDatabaseOptions<Record<string, unknown>> = {}): Database<Record<string, unknown>> {
  const global = globalThis as { [CACHE]?: Cache };
  const cache = (global[CACHE] ??= new Map());
  const { logger, schema, ...rest } = options;
  let schemaId = 0;
  if (schema) {
    schemaId = schemaIds.get(schema) ?? nextSchemaId++;
    schemaIds.set(schema, schemaId);
  }
  const key = `${schemaId}:${JSON.stringify(rest)}${logger ? ':logged' : ''}`;
  let database = cache.get(key);
  if (!database) {
    const created = (createDatabase as (o: CreateDatabaseOptions<Record<string, unknown>>) => Database<Record<string, unknown>>)(options);
    const close = created.close;
    // Closing forgets it, so the next call opens a fresh one instead of returning a closed pool.
    database = {
      ...created,
      close: async (t?: number) => {
        cache.delete(key);
        await close(t);
      },
    };
    cache.set(key, database);
  }
  return database;
}
