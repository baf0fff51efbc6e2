import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';

/**
 * The SQL names of the columns of a table that are unique on their own: a column declared
 * `.unique()`, a one-column unique constraint, or a one-column unique index (partial ones too —
 * factory rows usually match the predicate, and treating such a column as unique only costs an
 * extra parent). A foreign key among them is a 1:1 link, so every child needs a parent of its own.
 * Names, not column objects: drizzle hands the extra-config callback its own copies of the columns.
 *
 * @example
 * singleColumnUniques(userProfiles).has('user_id'); // true: user_profiles_user_id_key
 */
export function singleColumnUniques(table: PgTable): Set<string> {
  const config = getTableConfig(table);
  const unique = new Set<string>(config.columns.filter((column) => column.isUnique).map((column) => column.name));
  for (const constraint of config.uniqueConstraints) {
    if (constraint.columns.length === 1) unique.add(constraint.columns[0]!.name);
  }
  for (const index of config.indexes) {
    const [only, ...rest] = index.config.columns;
    // An index on an expression (e.g. lower(email)) names no column.
    if (index.config.unique && rest.length === 0 && only && 'name' in only && only.name !== undefined) unique.add(only.name);
  }
  return unique;
}
