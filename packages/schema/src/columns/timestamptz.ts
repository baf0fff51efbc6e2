import { timestamp } from 'drizzle-orm/pg-core';

/**
 * `timestamp with time zone` read as a `Date`. Every timestamp in the schema is timestamptz: a plain
 * `timestamp` silently shifts when the server's or the session's time zone differs from the app's.
 *
 * Time-zone assumption of the move from the seeds' `timestamp` (#13): their naive values are UTC wall
 * clock. drizzle writes a JS `Date` to a `timestamp` column as its UTC ISO string and PostgreSQL drops the
 * offset, and `now()` defaults on Supabase run with `TimeZone = UTC`. So a conversion must read them as
 * UTC whatever the session's zone: `ALTER COLUMN c TYPE timestamptz USING c AT TIME ZONE 'UTC'` (a bare
 * cast, as `adopt`'s bridge writes, uses the session's TimeZone: apply it with TimeZone = UTC). A team
 * whose server ran in another zone must name that zone instead.
 *
 * @example
 * const expiresAt = timestamptz('expires_at');
 */
export function timestamptz(name: string) {
  return timestamp(name, { withTimezone: true, mode: 'date' });
}
