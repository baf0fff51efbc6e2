import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { scrapingJobSchemas, scrapingJobs, scrapingPlatforms, systemConfigurationSchemas } from '../src/index.ts';

// The schema decisions of #13 that code can hold us to (the rest are documented beside the tables and
// in the README).

describe('schema decisions (#13)', () => {
  it('is_hot_reloadable is a boolean: the team\'s \'true\'/\'false\' strings are refused, booleans pass', () => {
    const base = { category: 'api', key: 'k', value: '1', valueType: 'number' as const };
    for (const flag of ['true', 'false']) {
      const result = systemConfigurationSchemas.insert.safeParse({ ...base, isHotReloadable: flag });
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['isHotReloadable']);
    }
    expect(systemConfigurationSchemas.insert.safeParse({ ...base, isHotReloadable: false }).success).toBe(true);
  });

  it('the platform default is \'TikTok\', a value the platform check allows (the seed\'s \'Tiktok\' is not)', () => {
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
});
