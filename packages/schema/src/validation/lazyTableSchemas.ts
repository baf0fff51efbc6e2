import type { Table } from 'drizzle-orm';
import { type TableSchemaOptions, type TableSchemas, tableSchemaBuilders } from './createTableSchemas.ts';
import { lazyProperties } from './lazyProperties.ts';

/**
 * {@link createTableSchemas} with each of `insert`, `update` and `select` built on first read: the
 * same object type and the same schemas, without drizzle-zod's derivation at module load. The @org
 * schema sets use it so that importing @org/schema (and @org/queries) builds none of them.
 *
 * @example
 * const noteSchemas = lazyTableSchemas(notes, { email: ['authorEmail'] });
 * noteSchemas.insert.parse({ body: 'hi', authorEmail: 'a@b.co' }); // insert built here, once
 */
export function lazyTableSchemas<TTable extends Table>(table: TTable, options: TableSchemaOptions<TTable> = {}): TableSchemas<TTable> {
  return lazyProperties(tableSchemaBuilders(table, options));
}
