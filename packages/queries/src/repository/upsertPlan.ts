import { SQL, sql, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { ValidationError } from '../errors/errors.ts';
import { isEntity } from './relationalConfig.ts';
import type { ColumnMap } from './types.ts';

/** The ON CONFLICT DO UPDATE parts of an upsert. */
export interface UpsertPlan {
  target: Column[];
  targetWhere?: SQL;
  set: Record<string, SQL>;
}

/** The column-key sets PostgreSQL can infer a conflict arbiter from: primary key, unique columns, unique constraints and indexes. */
function uniqueKeySets(table: PgTable, columns: ColumnMap): string[][] {
  const byDbName = new Map(Object.entries(columns).map(([key, c]) => [c.name, key]));
  const keyOf = (c: unknown) => byDbName.get((c as { name?: string }).name ?? '');
  const config = getTableConfig(table);
  const sets: (string | undefined)[][] = [
    ...Object.entries(columns).filter(([, c]) => c.primary || c.isUnique).map(([key]) => [key]),
    ...config.primaryKeys.map((pk) => pk.columns.map(keyOf)),
    ...config.uniqueConstraints.map((u) => u.columns.map(keyOf)),
    ...config.indexes.filter((i) => i.config.unique).map((i) => i.config.columns.map(keyOf)),
  ];
  return sets.filter((s): s is string[] => s.every((k) => k !== undefined));
}

/**
 * Checks an upsert's options before SQL and builds its conflict clause: `target` must be the columns
 * of a primary key, unique constraint or unique index (else PostgreSQL fails with 42P10), `targetWhere`
 * SQL, `set` `'all'` or a list of columns `update` may write; `'all'` skips the others (keys,
 * timestamps, deletion state, owners are never changed by an upsert), and an upsert with nothing to
 * update is refused. Messages never echo the given names.
 *
 * @example
 * db.insert(t).values(value).onConflictDoUpdate(upsertPlan(t, columns, policy.update, value, { target: 'email' }));
 */
export function upsertPlan(
  table: PgTable,
  columns: ColumnMap,
  updatable: ReadonlySet<string>,
  value: Record<string, unknown>,
  options: unknown,
): UpsertPlan {
  if (typeof options !== 'object' || options === null) throw new ValidationError('upsert takes { target, set?, targetWhere? }');
  const { target, set, targetWhere } = options as { target?: unknown; set?: unknown; targetWhere?: unknown };
  const targets = Array.isArray(target) ? target : [target];
  if (targets.length === 0 || !targets.every((t) => typeof t === 'string' && Object.hasOwn(columns, t))) {
    throw new ValidationError('upsert target must be a column or a list of columns');
  }
  const wanted = [...new Set(targets as string[])].sort().join(',');
  if (!uniqueKeySets(table, columns).some((keys) => [...new Set(keys)].sort().join(',') === wanted)) {
    throw new ValidationError('upsert target must be the columns of a primary key, unique constraint or unique index');
  }
  if (targetWhere !== undefined && !isEntity(targetWhere, SQL)) throw new ValidationError('upsert targetWhere must be SQL');
  let keys: string[];
  if (set === undefined || set === 'all') {
    keys = Object.keys(value).filter((k) => updatable.has(k));
  } else if (Array.isArray(set) && set.every((k) => typeof k === 'string' && updatable.has(k))) {
    keys = set as string[];
  } else {
    throw new ValidationError("upsert set must be 'all' or a list of columns an update may write");
  }
  const assignments: Record<string, SQL> = {};
  for (const key of keys) if (!targets.includes(key)) assignments[key] = sql.raw(`excluded."${columns[key]!.name.replace(/"/g, '""')}"`);
  if (Object.keys(assignments).length === 0) throw new ValidationError('upsert has no column to update on conflict');
  return { target: (targets as string[]).map((t) => columns[t]!), ...(targetWhere !== undefined ? { targetWhere: targetWhere as SQL } : {}), set: assignments };
}
