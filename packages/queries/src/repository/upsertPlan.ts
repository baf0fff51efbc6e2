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

/** A unique key PostgreSQL can infer a conflict arbiter from, with the predicate of a partial unique index. */
interface UniqueKey {
  keys: string[];
  where: SQL | undefined;
}

/** The table's unique keys: primary key, unique columns, unique constraints and unique indexes (partial ones with their predicate). */
function uniqueKeys(table: PgTable, columns: ColumnMap): UniqueKey[] {
  const byDbName = new Map(Object.entries(columns).map(([key, c]) => [c.name, key]));
  const keyOf = (c: unknown) => byDbName.get((c as { name?: string }).name ?? '');
  const config = getTableConfig(table);
  const sets: { keys: (string | undefined)[]; where: SQL | undefined }[] = [
    ...Object.entries(columns)
      .filter(([, c]) => c.primary || c.isUnique)
      .map(([key]) => ({ keys: [key], where: undefined })),
    ...config.primaryKeys.map((pk) => ({ keys: pk.columns.map(keyOf), where: undefined })),
    ...config.uniqueConstraints.map((u) => ({ keys: u.columns.map(keyOf), where: undefined })),
    ...config.indexes.filter((i) => i.config.unique).map((i) => ({ keys: i.config.columns.map(keyOf), where: i.config.where })),
  ];
  return sets.filter((s): s is UniqueKey => s.keys.every((k) => k !== undefined));
}

/** The column keys of an upsert target: column names, or the table's own drizzle columns (`users.email`). */
function targetKeys(columns: ColumnMap, target: unknown): string[] | undefined {
  const targets = Array.isArray(target) ? target : [target];
  const keys = targets.map((t) =>
    typeof t === 'string' ? (Object.hasOwn(columns, t) ? t : undefined) : Object.entries(columns).find(([, c]) => c === t)?.[0],
  );
  return keys.length > 0 && keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;
}

/**
 * Checks an upsert's options before SQL and builds its conflict clause: `target` (column names or the
 * table's drizzle columns) must be the columns of a primary key, unique constraint or unique index (else
 * PostgreSQL fails with 42P10); a partial unique index's predicate is the `targetWhere` unless one is
 * given (SQL), `set` `'all'` or a list of columns `update` may write; `'all'` skips the others (keys,
 * timestamps, deletion state, owners are never changed by an upsert), and an upsert with nothing to
 * update is refused. Messages never echo the given names.
 *
 * @example
 * db.insert(t).values(value).onConflictDoUpdate(upsertPlan(t, columns, policy.update, value, { target: 'email' }));
 */
export function upsertPlan(table: PgTable, columns: ColumnMap, updatable: ReadonlySet<string>, value: Record<string, unknown>, options: unknown): UpsertPlan {
  if (typeof options !== 'object' || options === null) throw new ValidationError('upsert takes { target, set?, targetWhere? }');
  const { target, set, targetWhere } = options as { target?: unknown; set?: unknown; targetWhere?: unknown };
  const targets = targetKeys(columns, target);
  if (!targets) throw new ValidationError('upsert target must be a column or a list of columns');
  const wanted = [...new Set(targets)].sort().join(',');
  const arbiters = uniqueKeys(table, columns).filter(({ keys }) => [...new Set(keys)].sort().join(',') === wanted);
  if (arbiters.length === 0) {
    throw new ValidationError('upsert target must be the columns of a primary key, unique constraint or unique index');
  }
  if (targetWhere !== undefined && !isEntity(targetWhere, SQL)) throw new ValidationError('upsert targetWhere must be SQL');
  // A key unique only among some rows (e.g. live ones: `where deleted_at is null`) is inferred by
  // PostgreSQL only with its index predicate (else 42P10): taken from the index when none is given.
  const where = targetWhere ?? (arbiters.some((a) => a.where === undefined) ? undefined : arbiters[0]!.where);
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
  return { target: targets.map((t) => columns[t]!), ...(where !== undefined ? { targetWhere: where as SQL } : {}), set: assignments };
}
