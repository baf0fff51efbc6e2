import type { Column } from 'drizzle-orm';
import { isIP } from 'node:net';
import { ValidationError } from '../errors/errors.ts';

/** The literal forms `checkColumnValue` accepts, shared with the bulk fast path (bulkValidation.ts), which must accept exactly the same. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Dates PostgreSQL and `Date#toISOString` agree on: years 0001–9999 (wider ISO years gain a sign PostgreSQL rejects; year 0000 is 22008). */
const ISO_YEAR = /^(?!0000)\d{4}-/;
export const INT_RANGES: Record<string, readonly [number, number]> = {
  PgSmallInt: [-32_768, 32_767],
  PgSmallSerial: [1, 32_767],
  PgInteger: [-2_147_483_648, 2_147_483_647],
  PgSerial: [1, 2_147_483_647],
  PgBigInt53: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  PgBigSerial53: [1, Number.MAX_SAFE_INTEGER],
};
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;
const TEXT_TYPES = new Set(['PgText', 'PgVarchar', 'PgChar']);

/** Whether a column holds text that `like`/`ilike` can match. */
export function isTextColumn(column: Column): boolean {
  return TEXT_TYPES.has(column.columnType);
}

/** Whether a value can be a key of this column: a value of the wrong type or shape can never match a row. */
export function isPossibleKey(column: Column, value: unknown): boolean {
  try {
    checkColumnValue(column, value, 'key');
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks one value against what its column can store, so input PostgreSQL would reject (a malformed
 * uuid, 2^53 in an integer, year 275760, a NUL byte in text, too many characters, a number beyond a
 * numeric's precision) is a {@link ValidationError} before any SQL runs — never a database error that
 * aborts the caller's transaction, and never a driver crash. Returns the value to bind (date strings
 * become `Date`s for timestamp columns in date mode). Messages name the column, never the value.
 *
 * `null` is not accepted here: callers decide what null means (IS NULL in a filter, a NOT NULL check
 * in a write).
 */
export function checkColumnValue(column: Column, value: unknown, key: string): unknown {
  const bad = (expected: string): never => {
    throw new ValidationError(`'${key}' takes ${expected}`);
  };
  const type = column.columnType;
  const range = INT_RANGES[type];
  if (range) {
    return typeof value === 'number' && Number.isInteger(value) && value >= range[0] && value <= range[1]
      ? value
      : bad(`an integer from ${range[0]} to ${range[1]}`);
  }
  switch (type) {
    case 'PgBigInt64':
    case 'PgBigSerial64':
      return typeof value === 'bigint' && value >= BIGINT_MIN && value <= BIGINT_MAX ? value : bad('a 64-bit bigint');
    case 'PgNumeric':
    case 'PgNumericNumber':
    case 'PgNumericBigInt':
      return checkNumeric(column as Column & { precision?: number; scale?: number }, value) ? value : bad(numericExpectation(column));
    case 'PgReal':
      // float4: PostgreSQL refuses what rounds to infinity (overflow) or to zero (underflow), 22003.
      return typeof value === 'number' && Number.isFinite(Math.fround(value)) && (value === 0 || Math.fround(value) !== 0)
        ? value
        : bad('a number in the range of real (float4)');
    case 'PgDoublePrecision':
      return typeof value === 'number' && Number.isFinite(value) ? value : bad('a finite number');
    case 'PgBoolean':
      return typeof value === 'boolean' ? value : bad('a boolean');
    case 'PgUUID':
      return typeof value === 'string' && UUID.test(value) ? value : bad('a uuid');
    case 'PgTimestamp':
    case 'PgDate': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) && ISO_YEAR.test(date.toISOString()) ? date : bad('a date in the years 1–9999');
    }
    case 'PgTimestampString':
    case 'PgDateString': {
      const date = typeof value === 'string' ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) && ISO_YEAR.test(date.toISOString()) ? value : bad('an ISO date string in the years 1–9999');
    }
    case 'PgText':
    case 'PgVarchar':
    case 'PgChar':
      return checkText(column as Column & { length?: number; enumValues?: readonly string[] }, value, key);
    case 'PgEnumColumn':
      return typeof value === 'string' && (column.enumValues ?? []).includes(value) ? value : bad(`one of ${(column.enumValues ?? []).join(', ')}`);
    case 'PgInet':
    case 'PgCidr':
      return typeof value === 'string' && isNetworkAddress(value) ? value : bad('an IPv4 or IPv6 address, optionally with a /mask');
    case 'PgMacaddr':
    case 'PgMacaddr8':
    case 'PgTime':
    case 'PgInterval':
      return typeof value === 'string' && !value.includes('\0') && value.length <= 128 ? value : bad('a string');
    case 'PgJson':
    case 'PgJsonb': {
      // Bound as a plain JSON copy: objects without a prototype, getters and toJSON become plain data
      // (drizzle's `is()` reads `constructor` and crashes on `Object.create(null)`).
      const json = jsonText(value);
      return json === undefined ? bad('JSON without NUL characters') : (JSON.parse(json) as unknown);
    }
    case 'PgArray': {
      const base = (column as Column & { baseColumn?: Column }).baseColumn;
      if (!Array.isArray(value)) return bad('an array');
      return base ? value.map((item) => (item === null ? null : checkColumnValue(base, item, `${key}[]`))) : value;
    }
    default:
      return value;
  }
}

function checkText(column: Column & { length?: number; enumValues?: readonly string[] }, value: unknown, key: string): string {
  if (typeof value !== 'string') throw new ValidationError(`'${key}' takes a string`);
  // PostgreSQL text cannot hold NUL (22021), and varchar(n) counts characters, not UTF-16 units.
  if (value.includes('\0')) throw new ValidationError(`'${key}' cannot contain NUL characters`);
  if (column.length !== undefined && value.length > column.length && [...value].length > column.length) {
    throw new ValidationError(`'${key}' takes at most ${column.length} characters`);
  }
  const allowed = column.enumValues;
  if (allowed && allowed.length > 0 && !allowed.includes(value)) {
    throw new ValidationError(`'${key}' takes one of ${allowed.join(', ')}`);
  }
  return value;
}

function checkNumeric(column: Column & { precision?: number; scale?: number }, value: unknown): boolean {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return false;
    text = String(value);
    if (/e/i.test(text)) return Math.abs(value) < 1e21 && column.precision === undefined;
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string' && value.length <= 1000 && DECIMAL.test(value)) {
    text = value;
  } else {
    return false;
  }
  if (column.precision === undefined) return true;
  const integerPart = text.replace(/^[+-]/, '').split('.')[0]!.replace(/^0+/, '');
  return integerPart.length <= column.precision - (column.scale ?? 0);
}

function numericExpectation(column: Column & { precision?: number; scale?: number }): string {
  if (column.precision === undefined) return 'a decimal number';
  return `a decimal number with at most ${column.precision - (column.scale ?? 0)} digits before the point`;
}

function jsonText(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value);
    // jsonb refuses \u0000 (22P05); undefined (a function, a symbol) is not JSON at all.
    return text === undefined || text.includes('\\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** inet/cidr text PostgreSQL accepts: an address (no zone index) and an optional mask within its width. */
function isNetworkAddress(value: string): boolean {
  if (value.length > 64) return false;
  const [address = '', mask, extra] = value.split('/');
  const version = address.includes('%') ? 0 : isIP(address);
  if (version === 0 || extra !== undefined) return false;
  return mask === undefined || (/^\d{1,3}$/.test(mask) && Number(mask) <= (version === 4 ? 32 : 128));
}
