import type { MigrationFile } from '../files/MigrationFile.ts';
import { scanSql } from '../files/scanSql.ts';

/**
 * Tables the migrations fill with `INSERT INTO t DEFAULT VALUES`: rows made entirely by the database
 * (0003's `org_private.user_scope_key`, whose key is drawn by the server). A bridge that creates such
 * a table inserts the row the same way, so an adopted database ends as a migrated one does: without
 * it, row-level security denies every scope (org_current_user_id() finds no key). The row is drawn
 * anew on the live server, never copied from the scratch database, and nothing else is: rows with
 * values are data, which the bridge does not invent.
 *
 * @example
 * defaultRowTables(files); // Set { 'org_private.user_scope_key' }
 */
export function defaultRowTables(files: readonly MigrationFile[]): Set<string> {
  const out = new Set<string>();
  const name = String.raw`(?:"(?:[^"]|"")+"|[a-z_][\w$]*)`;
  const insert = new RegExp(String.raw`^insert into (${name})(?:\s*\.\s*(${name}))? default values$`, 'i');
  for (const file of files) {
    for (const statement of scanSql(file.sql)) {
      const m = insert.exec(statement.code.trim());
      if (!m) continue;
      const [schema, table] = m[2] === undefined ? ['public', m[1]!] : [m[1]!, m[2]];
      out.add(`${unquote(schema)}.${unquote(table)}`);
    }
  }
  return out;
}

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replaceAll('""', '"') : identifier.toLowerCase();
}
