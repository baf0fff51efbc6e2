import { timestamp } from 'drizzle-orm/pg-core';

/**
 * `timestamp with time zone` read as a `Date`. Every timestamp in the schema is timestamptz: a plain
 * `timestamp` silently shifts when the server's or the session's time zone differs from the app's.
 *
 * @example
 * const expiresAt = timestamptz('expires_at');
 */
export function timestamptz(name: string) {
  return timestamp(name, { withTimezone: true, mode: 'date' });
}
