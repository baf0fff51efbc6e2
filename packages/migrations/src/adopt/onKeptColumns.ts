import type { SchemaDifference } from '../introspect/SchemaDifference.ts';
import type { SchemaModel } from '../introspect/SchemaModel.ts';

/**
 * Whether an extra constraint or index guards only columns the bridge keeps (`table.column` keys in
 * `keptColumns`): a foreign key, unique or primary key constraint, or a plain index over such columns.
 * The bridge keeps those with their columns; dropping them would keep the data but lose the integrity
 * (or speed) the team had on it. Checks and expression or partial indexes cannot be read column by
 * column here, so they are not recognised (the bridge drops them, as any extra constraint or index).
 *
 * @example
 * onKeptColumns(difference, live, new Set(['public.users.email_capture_id'])); // true for its foreign key
 */
export function onKeptColumns(d: SchemaDifference, live: SchemaModel, keptColumns: ReadonlySet<string>): boolean {
  if (d.change !== 'extra' || !d.table || (d.object !== 'constraint' && d.object !== 'index')) return false;
  const table = live.tables[d.table];
  const columns =
    d.object === 'constraint'
      ? /^(?:FOREIGN KEY|UNIQUE|PRIMARY KEY) \(([^()]+)\)/.exec(table?.constraints[d.name]?.definition ?? '')?.[1]
      : /^CREATE (?:UNIQUE )?INDEX ON \S+ USING \w+ \(([^()]+)\)$/.exec(table?.indexes[d.name]?.definition ?? '')?.[1];
  if (!columns) return false;
  // `a, "b c" DESC` -> a, b c: the name before any ordering or operator class.
  const names = columns.split(',').map((part) => /^\s*("(?:[^"]|"")+"|[^\s"]+)/.exec(part)?.[1]?.replace(/^"|"$/g, '').replaceAll('""', '"'));
  return names.every((name) => name !== undefined && keptColumns.has(`${d.table}.${name}`));
}
