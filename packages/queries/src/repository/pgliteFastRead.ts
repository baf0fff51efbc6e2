import { fillPlaceholders, type Column } from 'drizzle-orm';
import type { AnyDb } from '../internal/OrgDb.ts';
import { copyClient } from './bulkInsert.ts';

interface PgliteLike {
  query<T>(text: string, params: unknown[], options: { rowMode: 'array' }): Promise<{ rows: T[] }>;
}

/** A prepared read: runs with placeholder values, returns mapped rows. */
export interface PreparedRead<Row> {
  execute(values: Record<string, unknown>): Promise<Row[]>;
}

/**
 * On PGlite, a prepared SELECT of whole rows run through the client directly. drizzle's PGlite driver
 * passes per-query `parsers` (to read timestamps as text), and that option alone costs PGlite about
 * as much as the query; PGlite's default parsers already return what drizzle's column mappers accept
 * (numeric as exact strings, timestamptz as Date), so the rows are mapped with those mappers instead.
 * Returns undefined for other drivers, which keep drizzle's prepared statement.
 */
export function pgliteFastRead<Row>(
  db: AnyDb,
  query: { toSQL(): { sql: string; params: unknown[] } },
  columns: readonly [string, Column][],
): PreparedRead<Row> | undefined {
  const target = copyClient(db);
  if (target?.kind !== 'pglite') return undefined;
  const client = target.client as PgliteLike;
  const { sql: text, params } = query.toSQL();
  const logger = (db as unknown as { session?: { logger?: { logQuery(q: string, p: unknown[]): void } } }).session?.logger;
  return {
    async execute(values) {
      const bound = fillPlaceholders(params, values);
      logger?.logQuery(text, bound);
      const { rows } = await client.query<unknown[]>(text, bound, { rowMode: 'array' });
      return rows.map((row) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) {
          const [key, column] = columns[i]!;
          const value = row[i];
          out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
        }
        return out as Row;
      });
    },
  };
}
