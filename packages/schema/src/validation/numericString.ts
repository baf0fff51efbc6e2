import { z } from 'zod';

/**
 * Checks a decimal string against `numeric(precision, scale)`: at most `precision - scale` integer
 * digits and `scale` fraction digits. PostgreSQL would reject the first and silently round the
 * second; we reject both before the query runs.
 *
 * @example
 * numericString(10, 2).parse('12345678.90'); // ok
 * numericString(10, 2).parse('123456789.00'); // throws: too many integer digits
 */
export function numericString(precision?: number, scale = 0) {
  return z.string().check(numericStringCheck(precision, scale));
}

/** The check of {@link numericString}, to attach to an existing string schema. */
export function numericStringCheck(precision?: number, scale = 0) {
  const pattern =
    precision === undefined ? /^-?\d+(\.\d+)?$/ : new RegExp(`^-?\\d{1,${Math.max(precision - scale, 1)}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`);
  const limit =
    precision === undefined ? 'a decimal number' : `numeric(${precision},${scale}): at most ${precision - scale} integer and ${scale} fraction digits`;
  return z.regex(pattern, { message: `must be ${limit}` });
}
