// FreshSlate's full-text search ("Common Patterns").
import type { OrgDb } from '@org/queries';
import { sql } from 'drizzle-orm';
import { leads } from './schema.ts';

// guide: searchVector: text('search_vector') added by hand → ours: nothing to add: @org's leads carry
// `search_vector`, a tsvector generated from name, email and utm_campaign, with a GIN index.

/**
 * Leads matching a plain-text query, best match first (the guide's code, unchanged). @org's ready
 * `searchLeads` uses websearch_to_tsquery (quotes, `or`, `-word`), skips deleted leads and bounds the
 * rows.
 *
 * @example
 * const hits = await searchLeads(db, 'lovelace');
 */
export async function searchLeads(db: OrgDb, query: string) {
  return await db
    .select()
    .from(leads)
    .where(sql`${leads.searchVector} @@ plainto_tsquery('english', ${query})`)
    .orderBy(sql`ts_rank(${leads.searchVector}, plainto_tsquery('english', ${query})) DESC`);
}
