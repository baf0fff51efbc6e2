import { createTableRelationsHelpers, extractTablesRelationalConfig, getTableName, One } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { isSoftDeletable, orgTables, schema } from '../src/index.ts';

const config = (t: PgTable) => getTableConfig(t);

describe('the schema covers every seed entity', () => {
  it("has the seeds' tables (legacy search_jobs/search_results are unused in the seed and skipped)", () => {
    expect(
      Object.values(orgTables)
        .map((t) => getTableName(t))
        .sort(),
    ).toEqual(
      [
        'activity_log',
        'analytics_events',
        'artifacts',
        'audit_logs',
        'campaigns',
        'conversations',
        'email_captures',
        'leads',
        'messages',
        'partners',
        'projects',
        'prompts',
        'scraping_jobs',
        'scraping_results',
        'sessions',
        'system_configurations',
        'user_profiles',
        'users',
        'wizard_submissions',
      ].sort(),
    );
  });

  it("keeps the seeds' snake_case column names", () => {
    const leadColumns = config(orgTables.leads).columns.map((c) => c.name);
    expect(leadColumns).toEqual(
      expect.arrayContaining([
        'debt_amount',
        'debt_types',
        'monthly_payment',
        'credit_score_range',
        'utm_source',
        'gclid',
        'fbclid',
        'ip_address',
        'quiz_answers',
        'qualification_status',
        'partner_matched',
        'partner_id',
        'contacted_at',
        'converted_at',
      ]),
    );
    const profileColumns = config(orgTables.userProfiles).columns.map((c) => c.name);
    expect(profileColumns).toEqual(
      expect.arrayContaining([
        'onboarding_step',
        'trial_start_date',
        'trial_end_date',
        'trial_status',
        'stripe_customer_id',
        'stripe_subscription_id',
        'subscription_status',
        'is_admin',
        'email_schedule_status',
      ]),
    );
  });

  it('uses PostgreSQL-accurate column types', () => {
    const types = Object.fromEntries(config(orgTables.leads).columns.map((c) => [c.name, c.getSQLType()]));
    expect(types).toMatchObject({
      id: 'uuid',
      state: 'varchar(2)',
      debt_amount: 'numeric(10, 2)',
      debt_types: 'text[]',
      ip_address: 'inet',
      quiz_answers: 'jsonb',
      partner_matched: 'boolean',
      created_at: 'timestamp with time zone',
      search_vector: 'tsvector',
    });
  });

  it("declares the seeds' indexes, partial ones with their predicate", () => {
    const leadIndexes = new Map(config(orgTables.leads).indexes.map((i) => [i.config.name, i.config]));
    for (const name of [
      'idx_leads_created_at_desc',
      'idx_leads_email_lower',
      'idx_leads_status_qualified',
      'idx_leads_debt_amount',
      'idx_leads_state_debt',
      'idx_active_leads',
      'idx_partner_matching',
    ]) {
      expect(leadIndexes.has(name), name).toBe(true);
    }
    expect(leadIndexes.get('idx_partner_matching')?.where).toBeDefined();
    expect(leadIndexes.get('idx_partner_matching')?.columns).toHaveLength(3);
    const profileIndexes = config(orgTables.userProfiles).indexes.map((i) => i.config.name);
    expect(profileIndexes).toEqual(expect.arrayContaining(['idx_user_profiles_is_admin', 'idx_user_profiles_admin_details']));
  });

  it('has the composite (category, key) unique constraint and a live-only unique email on users', () => {
    const unique = config(orgTables.systemConfigurations).uniqueConstraints[0];
    expect(unique?.getName()).toBe('unique_category_key');
    expect(unique?.columns.map((c) => c.name)).toEqual(['category', 'key']);
    const emailKey = config(orgTables.users).indexes.find((i) => i.config.name === 'users_email_live_key');
    expect(emailKey?.config.unique).toBe(true);
    expect(emailKey?.config.where).toBeDefined();
  });

  it('gives every foreign key a relation in both directions', () => {
    const { tables } = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
    const byDbName = new Map(Object.values(tables).map((t) => [t.dbName, t]));
    let foreignKeys = 0;
    for (const table of Object.values(orgTables)) {
      const child = byDbName.get(getTableName(table));
      for (const fk of config(table).foreignKeys) {
        foreignKeys++;
        const ref = fk.reference();
        const column = ref.columns[0]?.name;
        const parentName = getTableName(ref.foreignTable);
        const childSide = Object.values(child?.relations ?? {}).find((r) => r instanceof One && r.config?.fields[0]?.name === column);
        expect(childSide, `${getTableName(table)}.${column} -> ${parentName}`).toBeDefined();
        const parentSide = Object.values(byDbName.get(parentName)?.relations ?? {}).find(
          (r) =>
            getTableName(r.referencedTable) === getTableName(table) &&
            (r.relationName === childSide?.relationName || !childSide?.relationName?.startsWith('activity')),
        );
        expect(parentSide, `${parentName} -> ${getTableName(table)}.${column}`).toBeDefined();
      }
    }
    expect(foreignKeys).toBe(21);
  });

  it('marks the soft-deletable tables', () => {
    const soft = Object.entries(orgTables)
      .filter(([, t]) => isSoftDeletable(t))
      .map(([k]) => k)
      .sort();
    expect(soft).toEqual(['campaigns', 'leads', 'partners', 'projects', 'users']);
  });
});
