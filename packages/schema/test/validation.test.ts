import { describe, expect, it } from 'vitest';
import { leadSchemas, numericString, projectSchemas, scrapingJobSchemas, systemConfigurationSchemas, userSchemas } from '../src/index.ts';

const validLead = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '5555551234',
  state: 'CA',
  debtAmount: '25000.00',
};

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.error?.issues.map((i) => i.path.join('.')) ?? [];
}

describe('zod schemas carry the database limits', () => {
  it('accepts a valid lead', () => {
    expect(leadSchemas.insert.safeParse(validLead).success).toBe(true);
  });

  it('rejects a 101-character key for varchar(100) and accepts 100', () => {
    const base = { category: 'api', value: '1', valueType: 'number' as const };
    expect(systemConfigurationSchemas.insert.safeParse({ ...base, key: 'k'.repeat(100) }).success).toBe(true);
    const tooLong = systemConfigurationSchemas.insert.safeParse({ ...base, key: 'k'.repeat(101) });
    expect(issuePaths(tooLong)).toEqual(['key']);
  });

  it('rejects 2^31 for an integer column and accepts 2^31 - 1', () => {
    const job = { userId: crypto.randomUUID(), campaignId: crypto.randomUUID() };
    expect(scrapingJobSchemas.insert.safeParse({ ...job, targetResults: 2 ** 31 - 1 }).success).toBe(true);
    expect(issuePaths(scrapingJobSchemas.insert.safeParse({ ...job, targetResults: 2 ** 31 }))).toEqual(['targetResults']);
    expect(issuePaths(scrapingJobSchemas.insert.safeParse({ ...job, processedRuns: 1.5 }))).toEqual(['processedRuns']);
  });

  it('checks numeric(10,2) precision and scale', () => {
    expect(leadSchemas.insert.safeParse({ ...validLead, debtAmount: '99999999.99' }).success).toBe(true);
    for (const bad of ['100000000.00', '1.234', 'abc', '1e5', '']) {
      expect(issuePaths(leadSchemas.insert.safeParse({ ...validLead, debtAmount: bad }))).toEqual(['debtAmount']);
    }
    expect(numericString(5, 2).safeParse('-999.99').success).toBe(true);
    expect(numericString(5, 2).safeParse('1000').success).toBe(false);
  });

  it('rejects a malformed email, an unknown status and a bad IP address', () => {
    expect(issuePaths(leadSchemas.insert.safeParse({ ...validLead, email: 'not-an-email' }))).toEqual(['email']);
    expect(issuePaths(leadSchemas.insert.safeParse({ ...validLead, status: 'bogus' }))).toEqual(['status']);
    expect(issuePaths(leadSchemas.insert.safeParse({ ...validLead, ipAddress: '999.1.1.1' }))).toEqual(['ipAddress']);
    expect(leadSchemas.insert.safeParse({ ...validLead, ipAddress: '2001:db8::1' }).success).toBe(true);
    expect(issuePaths(userSchemas.insert.safeParse({ email: `${'a'.repeat(315)}@x.com` }))).toEqual(['email']);
  });

  it('rejects a three-letter state for varchar(2)', () => {
    expect(issuePaths(leadSchemas.insert.safeParse({ ...validLead, state: 'CAL' }))).toEqual(['state']);
  });

  it('requires required columns on insert, none on update, and keeps generated columns out', () => {
    expect(issuePaths(leadSchemas.insert.safeParse({})).sort()).toEqual(['debtAmount', 'email', 'name', 'phone', 'state'].sort());
    expect(leadSchemas.update.safeParse({}).success).toBe(true);
    expect(leadSchemas.update.safeParse({ debtAmount: '1.234' }).success).toBe(false);
    expect(Object.keys(leadSchemas.insert.shape)).not.toContain('searchVector');
    expect(Object.keys(projectSchemas.insert.shape)).not.toContain('searchVector');
  });
});
