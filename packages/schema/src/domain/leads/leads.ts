import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, index, inet, jsonb, numeric, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { keysetIndex } from '../../columns/keysetIndex.ts';
import { enumCheck, enumColumn } from '../../columns/enumColumn.ts';
import { primaryId } from '../../columns/primaryId.ts';
import { optionalReference } from '../../columns/reference.ts';
import { softDelete } from '../../columns/softDelete.ts';
import { timestamps } from '../../columns/timestamps.ts';
import { timestamptz } from '../../columns/timestamptz.ts';
import { tsvector } from '../../columns/tsvector.ts';
import type { QuizAnswers } from '../../json/quizAnswers.ts';
import { partners } from './partners.ts';

/**
 * A lead's pipeline status.
 *
 * @example
 * const isKnown = (leadStatuses as readonly string[]).includes(value);
 */
export const leadStatuses = ['new', 'contacted', 'qualified', 'converted', 'archived'] as const;
/**
 * The outcome of qualifying a lead.
 *
 * @example
 * const isKnown = (qualificationStatuses as readonly string[]).includes(value);
 */
export const qualificationStatuses = ['pending', 'qualified', 'unqualified'] as const;

/**
 * A debt-relief lead from the quiz funnel, with attribution and partner matching (FreshSlate).
 *
 * @example
 * const rows = await db.select().from(leads).limit(10);
 */
export const leads = pgTable(
  'leads',
  {
    id: primaryId(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull(),
    state: varchar('state', { length: 2 }).notNull(),
    debtAmount: numeric('debt_amount', { precision: 10, scale: 2 }).notNull(),
    debtTypes: text('debt_types').array().default(sql`'{}'::text[]`).notNull(),
    monthlyPayment: numeric('monthly_payment', { precision: 10, scale: 2 }),
    creditScoreRange: varchar('credit_score_range', { length: 50 }),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    gclid: text('gclid'),
    fbclid: text('fbclid'),
    ipAddress: inet('ip_address'),
    userAgent: text('user_agent'),
    sessionId: text('session_id'),
    quizAnswers: jsonb('quiz_answers').$type<QuizAnswers>().default({}).notNull(),
    status: enumColumn('status', leadStatuses, 50).default('new').notNull(),
    qualificationStatus: enumColumn('qualification_status', qualificationStatuses, 50),
    partnerMatched: boolean('partner_matched').default(false).notNull(),
    partnerId: optionalReference('partner_id', () => partners.id),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('english', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(utm_campaign, ''))`,
    ),
    ...timestamps(),
    contactedAt: timestamptz('contacted_at'),
    convertedAt: timestamptz('converted_at'),
    ...softDelete(),
  },
  (t) => [
    keysetIndex('leads', t.createdAt, t.id),
    enumCheck('leads_status_check', t.status, leadStatuses),
    enumCheck('leads_qualification_status_check', t.qualificationStatus, qualificationStatuses),
    check('leads_debt_amount_check', sql`${t.debtAmount} >= 0`),
    index('idx_leads_created_at_desc').on(t.createdAt.desc()),
    index('idx_leads_email').on(t.email),
    index('idx_leads_email_lower').on(sql`lower(${t.email})`),
    index('idx_leads_phone').on(t.phone),
    index('idx_leads_status').on(t.status),
    index('idx_leads_partner_id').on(t.partnerId),
    index('idx_leads_status_qualified').on(t.status).where(sql`${t.status} = 'qualified'`),
    index('idx_leads_debt_amount').on(t.debtAmount),
    index('idx_leads_state_debt').on(t.state, t.debtAmount),
    index('idx_active_leads').on(t.createdAt.desc()).where(sql`${t.status} <> 'archived' and ${t.partnerMatched} = false`),
    index('idx_partner_matching').on(t.state, t.debtAmount, t.qualificationStatus).where(sql`${t.partnerMatched} = false`),
    index('idx_leads_search').using('gin', t.searchVector),
  ],
);
