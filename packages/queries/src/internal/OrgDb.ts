import type { OrgSchema } from '@org/schema';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** A drizzle database (or transaction) over the @org schema, on either driver; every domain function takes one. */
export type OrgDb = PgDatabase<PgQueryResultHKT, OrgSchema>;

/**
 * A drizzle database over any schema, for the generic pieces (repositories, transactions).
 * drizzle's database type is invariant in its schema, hence `any`.
 */
export type AnyDb = PgDatabase<PgQueryResultHKT, any>;
