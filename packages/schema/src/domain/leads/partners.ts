import { sql } from 'drizzle-orm';
import { boolean, check, index, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { softDelete } from '../../columns/softDelete.ts';
import { timestamps } from '../../columns/timestamps.ts';

/**
 * The kinds of debt-relief partner leads are matched with.
 *
 * @example
 * const isKnown = (partnerTypes as readonly string[]).includes(value);
 */
export const partnerTypes = ['settlement', 'counseling', 'consolidation', 'bankruptcy', 'legal'] as const;

/**
 * A debt-relief company that accepts leads in the states it is licensed in (FreshSlate).
 *
 * @example
 * const rows = await db.select().from(partners).limit(10);
 */
export const partners = pgTable(
  'partners',
  {
    id: primaryId(),
    name: text('name').notNull(),
    type: enumColumn('type', partnerTypes, 50).notNull(),
    // Two-letter state codes, or 'ALL'.
    statesLicensed: text('states_licensed').array().default(sql`'{}'::text[]`).notNull(),
    minDebtAmount: numeric('min_debt_amount', { precision: 10, scale: 2 }).notNull(),
    maxDebtAmount: numeric('max_debt_amount', { precision: 10, scale: 2 }),
    // Share of sent leads the partner accepted, in percent.
    acceptanceRate: numeric('acceptance_rate', { precision: 5, scale: 2 }),
    contactEmail: text('contact_email'),
    isActive: boolean('is_active').default(true).notNull(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    keysetIndex('partners', t.createdAt, t.id),
    enumCheck('partners_type_check', t.type, partnerTypes),
    check('partners_debt_range_check', sql`${t.maxDebtAmount} is null or ${t.maxDebtAmount} >= ${t.minDebtAmount}`),
    check('partners_acceptance_rate_check', sql`${t.acceptanceRate} between 0 and 100`),
    index('idx_partners_states_licensed').using('gin', t.statesLicensed),
  ],
);
