import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  scrapingJobSchemas,
  scrapingJobs,
  scrapingPlatforms,
  scrapingResultSchemas,
  scrapingResults,
  systemConfigurationSchemas,
  users,
} from '../src/index.ts';

// The schema decisions of #13 that code can hold us to (the rest are documented beside the tables and
// in the README).

describe('schema decisions (#13)', () => {
  it("is_hot_reloadable is a boolean: the team's 'true'/'false' strings are refused, booleans pass", () => {
    const base = { category: 'api', key: 'k', value: '1', valueType: 'number' as const };
    for (const flag of ['true', 'false']) {
      const result = systemConfigurationSchemas.insert.safeParse({ ...base, isHotReloadable: flag });
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['isHotReloadable']);
    }
    expect(systemConfigurationSchemas.insert.safeParse({ ...base, isHotReloadable: false }).success).toBe(true);
  });

  it("the platform default is 'TikTok', a value the platform check allows (the seed's 'Tiktok' is not)", () => {
    const platform = getTableConfig(scrapingJobs).columns.find((c) => c.name === 'platform');
    expect(platform?.default).toBe('TikTok');
    expect(scrapingPlatforms).toContain(platform?.default);
    expect(scrapingPlatforms).not.toContain('Tiktok');
    expect(scrapingJobSchemas.insert.safeParse({ userId: crypto.randomUUID(), campaignId: crypto.randomUUID(), platform: 'Tiktok' }).success).toBe(false);
  });

  it("progress is numeric(5,2) as a decimal string: two decimals, three integer digits (0..100 is the database's check)", () => {
    const base = { userId: crypto.randomUUID(), campaignId: crypto.randomUUID() };
    expect(scrapingJobSchemas.update.safeParse({ ...base, progress: '42.50' }).success).toBe(true);
    expect(scrapingJobSchemas.update.safeParse({ ...base, progress: '33.333' }).success).toBe(false);
    expect(scrapingJobSchemas.update.safeParse({ ...base, progress: '1000.00' }).success).toBe(false);
  });

  it('a scraping job needs no campaign and a batch no job; both foreign keys stay, ON DELETE CASCADE', () => {
    for (const [table, name] of [
      [scrapingJobs, 'campaign_id'],
      [scrapingResults, 'job_id'],
    ] as const) {
      const config = getTableConfig(table);
      expect(config.columns.find((c) => c.name === name)?.notNull, name).toBe(false);
      const fk = config.foreignKeys.find((f) => f.reference().columns.some((c) => c.name === name));
      expect(fk?.onDelete, name).toBe('cascade');
    }
    expect(scrapingJobSchemas.insert.safeParse({ userId: crypto.randomUUID() }).success).toBe(true);
    expect(scrapingResultSchemas.insert.safeParse({ creators: [] }).success).toBe(true);
  });

  it("users.last_login_at is nullable without a default: null is never signed in (claude_code's defaultNow().notNull() is gone)", () => {
    const column = getTableConfig(users).columns.find((c) => c.name === 'last_login_at');
    expect(column?.notNull).toBe(false);
    expect(column?.hasDefault).toBe(false);
    expect(getTableConfig(users).name).toBe('users');
  });
});
