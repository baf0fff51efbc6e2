import * as relations from './relations.ts';
import * as tables from './tables.ts';

// The declared types name the modules instead of letting declaration emit spell out every table again
// (three copies of all tables were most of the published .d.ts); `Spread` is the object a spread makes.
type Spread<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Tables and relations together: what `drizzle(client, { schema })` takes for typed relational
 * queries.
 *
 * @example
 * const db = drizzle(client, { schema });
 * await db.query.projects.findFirst({ with: { conversations: true } });
 */
export const schema: Spread<typeof tables & typeof relations> = { ...tables, ...relations };

/** The type of {@link schema}. */
export type OrgSchema = typeof schema;

/**
 * Just the tables, keyed by their TypeScript name (for iteration: factories, diagrams, truncation).
 *
 * @example
 * const names = Object.values(orgTables).map((t) => getTableName(t));
 */
export const orgTables: Spread<typeof tables> = { ...tables };

/** The type of {@link orgTables}. */
export type OrgTables = typeof orgTables;
