import { index, type PgColumn } from 'drizzle-orm/pg-core';

/**
 * The index a keyset page over `columns` needs: the sort key(s) then the primary key, in that order, so
 * `(created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT n` is an index range scan that
 * costs the same at any depth (a plain `created_at` index makes PostgreSQL sort every row past the
 * cursor). Backward scans serve the opposite direction, so one index covers both.
 *
 * @example
 * export const notes = pgTable('notes', { id: primaryId(), ...timestamps() }, (t) => [keysetIndex('notes', t.createdAt, t.id)]);
 */
export function keysetIndex(tableName: string, ...columns: [PgColumn, ...PgColumn[]]) {
  return index(`${tableName}_${columns.map((c) => c.name).join('_')}_keyset_idx`).on(...columns);
}
