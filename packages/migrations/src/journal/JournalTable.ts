/** Where the runner records applied migrations. */
export interface JournalTable {
  schema: string;
  name: string;
}

/** `public.org_migrations` unless configured otherwise. */
export const DEFAULT_JOURNAL: JournalTable = { schema: 'public', name: 'org_migrations' };

/** A row of the journal. */
export interface JournalRow {
  name: string;
  checksum: string;
  appliedAt: Date;
  durationMs: number;
  transactional: boolean;
  adopted: boolean;
}

/** Double-quotes an identifier for SQL. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`. */
export function qualified(table: JournalTable): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}
