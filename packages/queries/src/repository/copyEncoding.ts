import { Column } from 'drizzle-orm';

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes one value for PostgreSQL's COPY text format (most values need nothing: tested first, copied only when they do). */
function escapeCopyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** The text of a driver value (what the column's `mapToDriverValue` returned) in a COPY text row. */
function driverText(driver: unknown): string {
  if (driver === null || driver === undefined) return '\\N';
  if (typeof driver === 'string') return escapeCopyText(driver);
  if (driver instanceof Date) return driver.toISOString();
  if (typeof driver === 'boolean') return driver ? 't' : 'f';
  if (Array.isArray(driver)) return escapeCopyText(pgArrayLiteral(driver));
  if (typeof driver === 'object') return escapeCopyText(JSON.stringify(driver));
  return escapeCopyText(String(driver));
}

/**
 * One field of a COPY text row: the column's driver value, `\N` for null.
 *
 * @example
 * copyField(leads.name, 'a\tb'); // 'a\\tb'
 */
export function copyField(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return driverText(column.mapToDriverValue(value));
}

function pgArrayLiteral(values: unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`));
  return `{${items.join(',')}}`;
}

/** Encodes one column's values: {@link copyField}, without the call to `mapToDriverValue` where drizzle's is the identity. */
function fieldEncoder(column: Column): (value: unknown) => string {
  if (column.mapToDriverValue !== Column.prototype.mapToDriverValue) return (value) => copyField(column, value);
  return (value) => (value === null || value === undefined ? '\\N' : driverText(value));
}

/**
 * The COPY text payload of rows over the given columns: each row's fields in column order, tab-separated,
 * one line per row.
 *
 * @example
 * copyPayload([['name', leads.name]], [{ name: 'Ada' }]); // 'Ada\n'
 */
export function copyPayload(columns: readonly [string, Column][], rows: readonly Record<string, unknown>[]): string {
  const keys = columns.map(([key]) => key);
  const encoders = columns.map(([, column]) => fieldEncoder(column));
  const width = keys.length;
  let out = '';
  for (const row of rows) {
    let line = width > 0 ? encoders[0]!(row[keys[0]!]) : '';
    for (let i = 1; i < width; i++) line += `\t${encoders[i]!(row[keys[i]!])}`;
    out += `${line}\n`;
  }
  return out;
}
