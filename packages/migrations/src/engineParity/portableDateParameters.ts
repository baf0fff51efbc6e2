import type { Sql } from 'postgres';

/** postgres.js type ids whose serialisers drizzle makes transparent: timestamptz, timestamp, date. */
const DATE_TYPES = ['1184', '1114', '1082'];

/**
 * Lets a `Date` be bound where the server expects a date or timestamp, as PGlite does: drizzle's
 * postgres-js driver replaces postgres.js's date serialisers with a pass-through (its own column
 * mappers hand it strings), so a `Date` in raw SQL (`sql\`… > ${since}\``) fails with "Received an
 * instance of Date". Strings still pass through untouched. Call after `drizzle(client)`. Shared by
 * `@org/queries`' createDatabase and `@org/testing`'s fixtures, so tests bind what production binds.
 *
 * @example
 * const client = postgres(url);
 * const db = drizzle(client);
 * portableDateParameters(client); // after drizzle(), which resets the date serialisers
 * await db.execute(sql`select ${new Date()}::timestamptz`);
 */
export function portableDateParameters(client: Sql): void {
  const serializers = (client as unknown as { options: { serializers: Record<string, (v: unknown) => unknown> } }).options.serializers;
  for (const type of DATE_TYPES) serializers[type] = (value) => (value instanceof Date ? value.toISOString() : value);
}
