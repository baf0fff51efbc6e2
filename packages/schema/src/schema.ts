import * as relations from './relations.ts';
import * as tables from './tables.ts';

// The declared types are named instead of inferred so that declaration emit (ours, and of packages
// typed over the schema) writes `OrgSchema` rather than spelling out every table again; each is the
// object type the spread makes.
type SchemaModules = typeof tables & typeof relations;

/**
 * Tables and relations together: what `drizzle(client, { schema })` takes for typed relational
 * queries.
 *
 * @example
 * const db = drizzle(client, { schema });
 * await db.query.projects.findFirst({ with: { conversations: true } });
 */
export const schema: OrgSchema = { ...tables, ...relations };

/** The type of {@link schema}. */
export type OrgSchema = { -readonly [K in keyof SchemaModules]: SchemaModules[K] };

/**
 * Just the tables, keyed by their TypeScript name (for iteration: factories, diagrams, truncation).
 *
 * @example
 * const names = Object.values(orgTables).map((t) => getTableName(t));
 */
export const orgTables: OrgTables = { ...tables };

/** The type of {@link orgTables}. */
export type OrgTables = { -readonly [K in keyof typeof tables]: (typeof tables)[K] };
