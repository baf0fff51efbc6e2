import { and, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ResolvedSort } from '../repository/sorting.ts';

/**
 * The rows strictly after (or before) the given edge values in a multi-column sort with mixed
 * directions: `(a > va) OR (a = va AND b > vb) OR …`. Sort columns are NOT NULL (checked when the
 * repository is made), so plain comparisons are exact.
 */
export function keysetCondition(sort: ResolvedSort, values: readonly unknown[], backwards: boolean): SQL {
  // One direction throughout: a row comparison `(a, b) < ($1, $2)`, which PostgreSQL answers with an
  // index range scan, so a deep page costs what the first one does.
  if (sort.keys.every((k) => k.direction === sort.keys[0]!.direction)) {
    const ascending = (sort.keys[0]!.direction === 'asc') !== backwards;
    const left = sql.join(sort.keys.map((k) => sql`${k.column}`), sql`, `);
    const right = sql.join(sort.keys.map((k, i) => sql`${sql.param(values[i], k.column)}`), sql`, `);
    return ascending ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
  }
  const branches: SQL[] = [];
  sort.keys.forEach((key, i) => {
    const ascending = (key.direction === 'asc') !== backwards;
    const equalities = sort.keys.slice(0, i).map((k, j) => eq(k.column, values[j]));
    const step = ascending ? gt(key.column, values[i]) : lt(key.column, values[i]);
    branches.push(equalities.length ? and(...equalities, step)! : step);
  });
  return or(...branches)!;
}
