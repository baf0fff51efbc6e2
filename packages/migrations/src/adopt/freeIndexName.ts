import { quoteIdent } from '../journal/JournalTable.ts';
import type { SchemaModel } from '../introspect/SchemaModel.ts';

/** A statement that moves another table's index off a name the bridge needs, and why. */
export interface IndexNameClash {
  statement: string;
  review: string;
}

/**
 * Index names are unique per schema, not per table. When the live database holds `name` on another
 * table (typically one the bridge keeps, such as a team's old `claude_code_users` with its
 * `idx_users_email`), the bridge's `CREATE INDEX IF NOT EXISTS` for the expected table would skip
 * silently and adopt would then find the index missing. The other index is renamed first, to
 * `<its table>_<name>`; the rename is guarded so it does nothing where the name already belongs to the
 * expected table (the scratch database the migrations built, a team that renamed it by hand). A holder
 * the migrations also make is left alone: its index is an extra one, dropped before indexes are created.
 *
 * @example
 * const clash = freeIndexName('idx_users_email', 'public.users', expected, live);
 * // clash?.statement: DO $bridge$ … ALTER INDEX "public"."idx_users_email" RENAME TO "claude_code_users_idx_users_email"; …
 */
export function freeIndexName(name: string, tableKey: string, expected: SchemaModel, live: SchemaModel): IndexNameClash | undefined {
  const schema = (expected.tables[tableKey] ?? live.tables[tableKey])?.schema ?? tableKey.slice(0, tableKey.indexOf('.'));
  const holder = Object.entries(live.tables).find(([key, t]) => !(key in expected.tables) && t.schema === schema && name in t.indexes)?.[1];
  if (!holder) return undefined;
  // PostgreSQL keeps 63 bytes of a name; the names here are ASCII identifiers.
  const renamed = `${holder.name}_${name}`.slice(0, 63);
  const index = `${quoteIdent(schema)}.${quoteIdent(name)}`;
  const table = `${quoteIdent(schema)}.${quoteIdent(tableKey.slice(schema.length + 1))}`;
  return {
    statement:
      `DO $bridge$ BEGIN\n  IF EXISTS (select 1 from pg_index where indexrelid = to_regclass(${literal(index)}) and indrelid is distinct from to_regclass(${literal(table)})) THEN\n` +
      `    ALTER INDEX ${index} RENAME TO ${quoteIdent(renamed)};\n  END IF;\nEND $bridge$;`,
    review: `index name ${name} is taken by an index on ${holder.schema}.${holder.name}, which the bridge keeps: it is renamed ${renamed} first`,
  };
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
