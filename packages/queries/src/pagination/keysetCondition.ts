import { and, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { ResolvedSort } from '../repository/sorting.ts';

/**
 * The rows strictly after (or before) the given edge values in a multi-column sort with mixed
 * directions: `(a > va) OR (a = va AND b > vb) OR …`. Sort columns are NOT NULL (checked when the
 * repository is made), so plain comparisons are exact.
 */
export function keysetCondition(sort: ResolvedSort, values: readonly unknown[], backwards: boolean): SQL {
  const branches: SQL[] = [];
  sort.keys.forEach((key, i) => {
    const ascending = (key.direction === 'asc') !== backwards;
    const equalities = sort.keys.slice(0, i).map((k, j) => eq(k.column, values[j]));
    const step = ascending ? gt(key.column, values[i]) : lt(key.column, values[i]);
    branches.push(equalities.length ? and(...equalities, step)! : step);
  });
  return or(...branches)!;
}
