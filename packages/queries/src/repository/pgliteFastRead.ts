import { fillPlaceholders, type Column } from 'drizzle-orm';
import { driverOf } from '../driver/driverOf.ts';
import type { AnyDb } from '../internal/OrgDb.ts';

/** A prepared read: runs with placeholder values, returns mapped rows. */
export interface PreparedRead<Row> {
  execute(values: Record<string, unknown>): Promise<Row[]>;
}

/**
 * On PGlite, a prepared SELECT of whole rows run through the client directly. drizzle's PGlite driver
 * passes per-query `parsers` (to read timestamps as text), and that option alone costs PGlite about
 * as much as the query; PGlite's default parsers already return what drizzle's column mappers accept
 * (numeric as exact strings, timestamptz as Date), so the rows are mapped with those mappers instead.
 * Returns undefined for other drivers, and for tables with a column PGlite's default parsers read
 * otherwise (see {@link readsAlike}): those keep drizzle's prepared statement.
 */
export function pgliteFastRead<Row>(
  db: AnyDb,
  query: { toSQL(): { sql: string; params: unknown[] } },
  columns: readonly [string, Column][],
): PreparedRead<Row> | undefined {
  const driver = driverOf(db);
  if (driver?.kind !== 'pglite' || !columns.every(([, column]) => readsAlike(column))) return undefined;
  const { client, logger } = driver;
  const { sql: text, params } = query.toSQL();
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

/**
 * Whether PGlite's default parser gives this column's mapper what drizzle's PGlite session gives it.
 * That session reads timestamp, timestamptz, date and interval (and arrays of them and of numeric) as
 * text; PGlite's defaults make Dates of the first three. Only a timestamptz read as a `Date` maps the
 * same from both (`new Date(text)` either way). A string-mode timestamp read from a Date came back as
 * `'2026-03-01 00:00:00.000+00'` where PostgreSQL prints `'2026-03-01 00:00:00+00'`, a timestamp without
 * time zone was read in the process's time zone, and a numeric[] NULL element differed.
 */
function readsAlike(column: Column): boolean {
  const type = column.getSQLType().toLowerCase();
  if (type.endsWith(']')) return !/^(numeric|decimal|timestamp|date|interval)/.test(type);
  if (!/^(timestamp|date|interval)/.test(type)) return true;
  return column.columnType === 'PgTimestamp' && (column as Column & { withTimezone?: boolean }).withTimezone === true;
}
