import { sql } from 'drizzle-orm';
import { check, varchar, type PgColumn } from 'drizzle-orm/pg-core';

/**
 * A `varchar(length)` restricted to a fixed set of values: typed as the union in TypeScript, derived
 * as `z.enum` by drizzle-zod, and enforced in PostgreSQL by {@link enumCheck}. We use varchar + CHECK
 * rather than a PostgreSQL enum type so adding a state is an ordinary, transactional migration.
 *
 * @example
 * const statuses = ['draft', 'active'] as const;
 * status: enumColumn('status', statuses, 20).notNull().default('draft'),
 */
export function enumColumn<const T extends readonly [string, ...string[]]>(name: string, values: T, length: number) {
  const longest = Math.max(...values.map((v) => v.length));
  if (longest > length) throw new Error(`enumColumn ${name}: value longer than varchar(${length})`);
  return varchar(name, { length, enum: values as unknown as [T[number], ...T[number][]] });
}

/**
 * The CHECK constraint that enforces an {@link enumColumn}'s values in the database.
 *
 * @example
 * (t) => [enumCheck('projects_status_check', t.status, projectStatuses)]
 */
export function enumCheck(constraintName: string, column: PgColumn, values: readonly string[]) {
  // The values are the schema's own constants, never input; quote them as SQL literals.
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  return check(constraintName, sql`${column} in (${sql.raw(list)})`);
}
