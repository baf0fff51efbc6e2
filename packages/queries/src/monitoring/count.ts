/**
 * A statistics counter or size as PostgreSQL keeps it (`bigint`): a `number` while it fits exactly
 * (≤ `Number.MAX_SAFE_INTEGER`, 2^53 − 1), otherwise the exact decimal string. Counters this large
 * are rare, but a silently rounded number would be wrong without saying so.
 *
 * @example
 * const scans: Count = usage.scans; // 42, or '9007199254740993' past 2^53
 */
export type Count = number | string;

/** int8 arrives as a string on postgres.js and may arrive as a number or bigint on PGlite: one shape out. */
export function toCount(value: unknown): Count {
  if (value === null || value === undefined) return 0;
  const big = BigInt(value as string | number | bigint);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString();
}

/** A `timestamptz` selected as epoch milliseconds (float8): the same `Date` on both drivers, whatever their timestamp parsing. */
export function toDate(epochMs: unknown): Date | null {
  return epochMs === null || epochMs === undefined ? null : new Date(Number(epochMs));
}
