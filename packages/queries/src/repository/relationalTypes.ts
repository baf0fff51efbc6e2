import type { DBQueryConfig, TablesRelationalConfig } from 'drizzle-orm';
import type { PgDatabase, PgTable } from 'drizzle-orm/pg-core';
import type { ScopedQueryResult } from './scopedQueryResult.ts';

// The relational-query types of a repository's table, read from the db's schema.

/** The relational schema of a drizzle db. */
export type TablesOf<TDb> = TDb extends PgDatabase<any, any, infer TS extends TablesRelationalConfig> ? TS : never;
type TableKeyOf<TS extends TablesRelationalConfig, TName> = {
  [K in keyof TS]: TS[K]['dbName'] extends TName ? K : never;
}[keyof TS];
/** The relational config of a table within a db's schema. */
export type FieldsOf<TDb, TTable extends PgTable> = TablesOf<TDb>[TableKeyOf<TablesOf<TDb>, TTable['_']['name']>];
/** A `db.query.<table>.findMany` config. */
export type ManyConfig<TDb, TTable extends PgTable> = DBQueryConfig<'many', true, TablesOf<TDb>, FieldsOf<TDb, TTable>>;
/** A `findByIdWith` config: plain data only, the key is the filter. */
export type ByIdConfig<TDb, TTable extends PgTable> = Omit<ManyConfig<TDb, TTable>, 'where' | 'limit' | 'offset' | 'orderBy'>;
/** A relational read's row; soft-delete aware: a `one` relation to a soft-deletable table can be null (see ScopedQueryResult). */
export type Related<TDb, TTable extends PgTable, TConfig extends true | Record<string, unknown>> = ScopedQueryResult<
  TablesOf<TDb>,
  FieldsOf<TDb, TTable>,
  TConfig
>;
