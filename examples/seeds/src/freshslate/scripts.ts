// FreshSlate's Bun scripts (`scripts/migrate.ts`, `scripts/seed.ts`) as functions; the Bun shebang,
// console output and process.exit stay in the team's thin script wrapper.
import { migrate, orgMigrationsFolder, type MigrateResult } from '@org/migrations';
import type { OrgDatabase, OrgDb } from '@org/queries';
import { leads, partners } from './schema.ts';

/**
 * Applies @org's pending migrations (the guide's `runMigrations`), under an advisory lock so two
 * deploys cannot run them at once.
 *
 * @example
 * const { applied } = await runMigrations(database);
 */
export async function runMigrations(database: Pick<OrgDatabase, 'client'>): Promise<MigrateResult> {
  // guide: migrate(migrationDb, { migrationsFolder: './db/migrations' }) (drizzle-orm's migrator) →
  // ours: @org/migrations' runner on @org's folder, because the tables are @org's (hash-checked, locked).
  return await migrate(database.client, { folder: orgMigrationsFolder() });
}

/**
 * The guide's seed: two partners and two leads (values unchanged), returned as stored.
 *
 * @example
 * const { testPartners, testLeads } = await seed(db);
 */
export async function seed(db: OrgDb) {
  const testPartners = await db
    .insert(partners)
    .values([
      { name: 'ABC Debt Relief', type: 'settlement', statesLicensed: ['CA', 'TX', 'FL'], minDebtAmount: '10000', maxDebtAmount: '100000' },
      { name: 'Credit Counseling Corp', type: 'counseling', statesLicensed: ['ALL'], minDebtAmount: '5000', maxDebtAmount: '50000' },
    ])
    .returning();

  const testLeads = await db
    .insert(leads)
    .values([
      { name: 'Test User 1', email: 'test1@example.com', phone: '5555551234', state: 'CA', debtAmount: '25000', debtTypes: ['credit_card', 'medical'] },
      { name: 'Test User 2', email: 'test2@example.com', phone: '5555555678', state: 'TX', debtAmount: '15000', debtTypes: ['credit_card'] },
    ])
    .returning();

  return { testPartners, testLeads };
}
