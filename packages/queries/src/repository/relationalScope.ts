// drizzle's is(), not instanceof: relations built by another installed copy of drizzle-orm still count.
import { and, isNull, Many, One, type SQL } from 'drizzle-orm';
import { isEntity } from './relationalConfig.ts';
import type { ColumnMap, SoftDeleteScope } from './types.ts';

type TablesConfig = Record<string, { dbName: string; tsName: string; columns: ColumnMap; relations: Record<string, unknown> }>;
type WithConfig = Record<string, true | RelationConfig>;
interface RelationConfig {
  where?: SQL | ((fields: ColumnMap, ops: unknown) => SQL | undefined);
  with?: WithConfig;
  columns?: Record<string, boolean | undefined>;
  [key: string]: unknown;
}

/** A `with` tree rewritten for soft delete, plus the one-relations to null out in results. */
export interface ScopedWith {
  config: WithConfig | undefined;
  /** Paths of one-relations to soft-deletable tables: `[[relation, added deletedAt column?], …]` per level. */
  prune: PruneTree;
}

/** For each relation name: whether it is a `one` to a soft-deletable table, and its own subtree. */
export type PruneTree = Map<string, { one: boolean; addedDeletedAt: boolean; children: PruneTree }>;

/**
 * Applies the soft-delete default scope to every relation of a relational query: `many` relations to
 * soft-deletable tables get `deleted_at IS NULL` added to their `where`; `one` relations (where
 * drizzle's relational queries take no `where`) are pruned from the results afterwards.
 */
export function scopeWith(tables: TablesConfig, tableKey: string, withConfig: WithConfig | undefined, scope: SoftDeleteScope): ScopedWith {
  const prune: PruneTree = new Map();
  if (!withConfig || scope === 'all') return { config: withConfig, prune };
  const relations = tables[tableKey]?.relations ?? {};
  const out: WithConfig = {};
  for (const [name, value] of Object.entries(withConfig)) {
    const relation = relations[name] as ((One | Many<string>) & { referencedTableName?: string }) | undefined;
    const target = relation ? Object.entries(tables).find(([, t]) => t.dbName === relation.referencedTableName) : undefined;
    if (!relation || !target || !value) {
      out[name] = value;
      continue;
    }
    const [targetKey, targetTable] = target;
    const config: RelationConfig = value === true ? {} : { ...value };
    const child = scopeWith(tables, targetKey, config.with, 'live');
    if (child.config) config.with = child.config;
    const softDeletable = 'deletedAt' in targetTable.columns;
    let addedDeletedAt = false;
    if (softDeletable && isEntity(relation, Many)) {
      const userWhere = config.where;
      config.where = (fields: ColumnMap, ops: unknown) => and(typeof userWhere === 'function' ? userWhere(fields, ops) : userWhere, isNull(fields.deletedAt!))!;
    } else if (softDeletable && isEntity(relation, One) && config.columns) {
      // Pruning reads the related row's deletedAt, so it must be selected whatever the caller asked
      // for ({ deletedAt: false }, {}, { name: true }, …); it is removed again after the read.
      const selected = selectedColumns(config.columns, targetTable.columns);
      if (!selected.includes('deletedAt')) {
        config.columns = Object.fromEntries([...selected, 'deletedAt'].map((key) => [key, true]));
        addedDeletedAt = true;
      }
    }
    prune.set(name, { one: softDeletable && isEntity(relation, One), addedDeletedAt, children: child.prune });
    out[name] = Object.keys(config).length ? config : true;
  }
  return { config: out, prune };
}

/**
 * The columns drizzle's relational query selects for a `columns` config (drizzle-orm 0.45's rule):
 * with any `true`, exactly the `true` ones; with only `false`, all but those; with no defined entry
 * for a known column, none.
 */
function selectedColumns(config: Record<string, boolean | undefined>, tableColumns: ColumnMap): string[] {
  const given = Object.entries(config).filter(([key, value]) => value !== undefined && key in tableColumns);
  if (given.length === 0) return [];
  if (given.some(([, value]) => value === true)) return given.filter(([, value]) => value === true).map(([key]) => key);
  return Object.keys(tableColumns).filter((key) => !given.some(([excluded]) => excluded === key));
}

/** Nulls out soft-deleted `one` relations (recursively) in relational-query results. */
export function pruneDeleted(rows: unknown, prune: PruneTree): void {
  if (prune.size === 0 || rows === null || rows === undefined) return;
  for (const row of Array.isArray(rows) ? rows : [rows]) {
    const record = row as Record<string, unknown>;
    for (const [name, node] of prune) {
      const related = record[name] as Record<string, unknown> | null | undefined;
      if (related === undefined || related === null) continue;
      if (node.one && !Array.isArray(related) && related.deletedAt) {
        record[name] = null;
        continue;
      }
      if (node.addedDeletedAt && !Array.isArray(related)) delete related.deletedAt;
      pruneDeleted(related, node.children);
    }
  }
}
