import * as relations from './relations.ts';
import * as tables from './tables.ts';

/**
 * Tables and relations together: what `drizzle(client, { schema })` takes for typed relational
 * queries.
 *
 * @example
 * const db = drizzle(client, { schema });
 * await db.query.projects.findFirst({ with: { conversations: true } });
 */
export const schema = { ...tables, ...relations };

/** The type of {@link schema}. */
export type OrgSchema = typeof schema;

/**
 * Just the tables, keyed by their TypeScript name (for iteration: factories, diagrams, truncation).
 *
 * @example
 * const names = Object.values(orgTables).map((t) => getTableName(t));
 */
export const orgTables = { ...tables };

/** The type of {@link orgTables}. */
export type OrgTables = typeof orgTables;
