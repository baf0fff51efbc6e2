import type { Column } from 'drizzle-orm';

/** Escapes one value for PostgreSQL's COPY text format. */
function escapeCopyText(value: string): string {
  return value.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

/** One field of a COPY text row: the column's driver value, `\N` for null. */
export function copyField(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const driver = column.mapToDriverValue(value);
  if (driver === null || driver === undefined) return '\\N';
  if (driver instanceof Date) return driver.toISOString();
  if (typeof driver === 'boolean') return driver ? 't' : 'f';
  if (Array.isArray(driver)) return escapeCopyText(pgArrayLiteral(driver));
  if (typeof driver === 'object') return escapeCopyText(JSON.stringify(driver));
  return escapeCopyText(String(driver));
}

function pgArrayLiteral(values: unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`));
  return `{${items.join(',')}}`;
}

/** The COPY text payload of rows over the given columns. */
export function copyPayload(columns: readonly [string, Column][], rows: readonly Record<string, unknown>[]): string {
  let out = '';
  for (const row of rows) out += `${columns.map(([key, column]) => copyField(column, row[key])).join('\t')}\n`;
  return out;
}
