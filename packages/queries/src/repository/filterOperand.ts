import type { Column } from 'drizzle-orm';
import { ValidationError } from '../errors/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^-?\d{1,131072}(\.\d{1,16383})?$/;

/** Whether a value can be a key of this column (a malformed uuid can never match a row). */
export function isPossibleKey(column: Column, value: unknown): boolean {
  return column.columnType !== 'PgUUID' || (typeof value === 'string' && UUID.test(value));
}

/**
 * Checks (and for dates, converts) a filter operand against its column's type, so input that cannot
 * be compared is a {@link ValidationError} before SQL, not a driver crash or a database error that
 * aborts the caller's transaction.
 */
export function filterOperand(column: Column, value: unknown, key: string): unknown {
  const bad = (expected: string): never => {
    throw new ValidationError(`filter on '${key}' takes ${expected}`);
  };
  switch (column.columnType) {
    case 'PgTimestamp':
    case 'PgDate': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : bad('a date or an ISO date string');
    }
    case 'PgUUID':
      return typeof value === 'string' && UUID.test(value) ? value : bad('a uuid');
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgBigInt53':
      return Number.isInteger(value) ? value : bad('an integer');
    case 'PgNumeric':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && DECIMAL.test(value))
        ? value
        : bad('a decimal number');
    case 'PgBoolean':
      return typeof value === 'boolean' ? value : bad('a boolean');
    case 'PgText':
    case 'PgVarchar':
    case 'PgChar':
    case 'PgInet':
      return typeof value === 'string' ? value : bad('a string');
    default:
      return value;
  }
}
