import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { ownerReference } from '../../columns/ownerReference.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { softDelete } from '../../columns/softDelete.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { users } from '../identity/users.ts';

/**
 * How a campaign finds creators.
 *
 * @example
 * const isKnown = (campaignSearchTypes as readonly string[]).includes(value);
 */
export const campaignSearchTypes = ['keyword', 'similar'] as const;
/**
 * A campaign's lifecycle.
 *
 * @example
 * const isKnown = (campaignStatuses as readonly string[]).includes(value);
 */
export const campaignStatuses = ['draft', 'active', 'completed', 'archived'] as const;

/**
 * An influencer-search campaign owned by a user; the container of scraping jobs (usegemz).
 *
 * @example
 * const rows = await db.select().from(campaigns).limit(10);
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: primaryId(),
    userId: ownerReference(() => users.id),
    name: text('name').notNull(),
    description: text('description'),
    searchType: enumColumn('search_type', campaignSearchTypes, 20).notNull(),
    status: enumColumn('status', campaignStatuses, 20).default('draft').notNull(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    keysetIndex('campaigns', t.createdAt, t.id),
    enumCheck('campaigns_search_type_check', t.searchType, campaignSearchTypes),
    enumCheck('campaigns_status_check', t.status, campaignStatuses),
    index('idx_campaigns_user_created').on(t.userId, t.createdAt.desc()),
  ],
);
