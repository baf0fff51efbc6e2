import { isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { ColumnMap, SoftDeleteScope } from './types.ts';

/** The condition a scope adds on a soft-deletable table's columns; none for other tables. */
export function scopeCondition(columns: ColumnMap, scope: SoftDeleteScope): SQL | undefined {
  const deletedAt = columns.deletedAt;
  if (!deletedAt || scope === 'all') return undefined;
  return scope === 'live' ? isNull(deletedAt) : isNotNull(deletedAt);
}
