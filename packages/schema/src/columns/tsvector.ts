import { customType } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL `tsvector`, for full-text search columns. Used as a generated column
 * (`.generatedAlwaysAs(...)`) with a GIN index; it is read-only from TypeScript.
 *
 * @example
 * searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', name)`),
 */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'tsvector';
  },
});
