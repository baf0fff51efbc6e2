/** One migration as read from the folder. */
export interface MigrationFile {
  /** File name without `.sql`; migrations are matched and ordered by it. */
  name: string;
  /** The file's text, exactly as on disk. */
  sql: string;
  /** sha256 of the text, hex. The same hash drizzle-orm's migrator stores, which makes adoption exact. */
  checksum: string;
  /** False when the file carries the {@link NO_TRANSACTION_MARKER}. */
  transactional: boolean;
  /** drizzle-kit's journal timestamp for the file, when the folder has a `meta/_journal.json`. */
  drizzleWhen?: number;
}

/**
 * A line that opts a file out of the per-file transaction (for `CREATE INDEX CONCURRENTLY`).
 *
 * @example
 * writeFileSync('drizzle/0007_lead_index.sql', `${NO_TRANSACTION_MARKER}\ncreate index concurrently leads_x on leads (x);`);
 */
export const NO_TRANSACTION_MARKER = '-- org-migrate:no-transaction';
