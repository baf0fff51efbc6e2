/** Where the runner records applied migrations. */
export interface JournalTable {
  schema: string;
  name: string;
}

/** `public.org_migrations` unless configured otherwise. */
export const DEFAULT_JOURNAL: JournalTable = { schema: 'public', name: 'org_migrations' };

/** A row of the journal. */
export interface JournalRow {
  /** The migrations set (folder) it belongs to; null for rows written before sets were recorded. */
  set: string | null;
  name: string;
  checksum: string;
  appliedAt: Date;
  durationMs: number;
  transactional: boolean;
  adopted: boolean;
  /**
   * False while a no-transaction file's statement runs: a row still false when no run holds the lock
   * is a run that was killed mid-file, which the next run resumes.
   */
  completed: boolean;
}

/** Double-quotes an identifier for SQL. */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`. */
export function qualified(table: JournalTable): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}
