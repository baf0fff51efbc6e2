// Guide section "5. System Configurations Table": the documented config rows and their hot reload.
import { getConfig, type ConfigValue, type OrgDb } from '@org/queries';
import { sql } from 'drizzle-orm';

/**
 * The guide's "Configuration Examples" INSERTs, as raw SQL, unchanged (is_hot_reloadable takes its
 * default, true).
 *
 * @example
 * await seedDefaultConfigurations(db);
 */
export async function seedDefaultConfigurations(db: OrgDb): Promise<void> {
  await db.execute(sql`
    INSERT INTO system_configurations (category, key, value, value_type, description) VALUES
    ('email', 'trial_day_2_delay', '2 days', 'duration', 'Delay for day 2 trial email'),
    ('email', 'trial_day_5_delay', '5 days', 'duration', 'Delay for day 5 trial email'),
    ('email', 'trial_expiry_delay', '7 days', 'duration', 'Delay for trial expiry email')`);
  await db.execute(sql`
    INSERT INTO system_configurations (category, key, value, value_type, description) VALUES
    ('api', 'max_api_calls_testing', '1', 'number', 'API call limit for testing'),
    ('api', 'max_api_calls_production', '999', 'number', 'API call limit for production')`);
}

/**
 * The team's config service: a value whose row is hot-reloadable is read afresh on every call (a
 * change applies without a restart); any other value is read once and kept for the process's life.
 *
 * @example
 * const config = createConfigService(db);
 * const delay = await config.get('email', 'trial_day_2_delay');
 */
export function createConfigService(db: OrgDb) {
  const pinned = new Map<string, ConfigValue>();
  return {
    async get(category: string, key: string): Promise<ConfigValue> {
      const cacheKey = `${category}\u0000${key}`;
      const kept = pinned.get(cacheKey);
      if (kept) return kept;
      const { row, ...value } = await getConfig(db, category, key);
      // guide's column was varchar 'true'/'false': `row.isHotReloadable === 'true'` → a boolean (#13 decision)
      if (row.isHotReloadable === false) pinned.set(cacheKey, value);
      return value;
    },
  };
}
