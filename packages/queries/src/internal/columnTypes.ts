import type { Column } from 'drizzle-orm';

/** The serial pseudo-types are not types a value can be cast to (42704): their integer types are. */
const SERIAL_TYPES: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

/**
 * The type a bound value of this column is cast to: the column's SQL type, with serials as integers.
 * With `withoutModifiers`, lengths and precisions are dropped too (`varchar(255)` → `varchar`), for
 * casts that must not truncate or round (the assignment or comparison then checks the value).
 *
 * @example
 * sql`${value}::${sql.raw(valueTypeOf(column))}`;
 */
export function valueTypeOf(column: Column, withoutModifiers = false): string {
  const type = column.getSQLType();
  const plain = withoutModifiers ? type.replace(/\(\s*\d+(\s*,\s*\d+)?\s*\)/g, '').trim() : type;
  return SERIAL_TYPES[plain] ?? plain;
}
