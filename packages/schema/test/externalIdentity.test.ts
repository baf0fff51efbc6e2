import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { AUTH_PROVIDER_PATTERN, EXTERNAL_ID_PATTERN, userSchemas, users } from '../src/index.ts';

// The external identity of #13: the teams' own user ids (Clerk's user_2abc…, claude_code's user_123)
// fit, malformed ones are refused by the zod schema before any SQL.

const base = { email: 'ada@example.com' };
const fails = (input: object) => userSchemas.insert.safeParse({ ...base, ...input }).success === false;

describe('users.auth_provider + users.external_id', () => {
  it("accepts each team's identity: clerk + user_2abc…, claude_code + user_123, and none at all", () => {
    expect(userSchemas.insert.safeParse({ ...base, authProvider: 'clerk', externalId: 'user_2abcDEF123xyz' }).success).toBe(true);
    expect(userSchemas.insert.safeParse({ ...base, authProvider: 'claude_code', externalId: 'user_123' }).success).toBe(true);
    expect(userSchemas.insert.safeParse({ ...base, authProvider: 'auth0', externalId: 'auth0|65a1b2' }).success).toBe(true);
    expect(userSchemas.insert.safeParse(base).success).toBe(true);
  });

  it('refuses an empty, spaced, non-ASCII or 256-character external id and accepts 255', () => {
    expect(fails({ authProvider: 'clerk', externalId: '' })).toBe(true);
    expect(fails({ authProvider: 'clerk', externalId: 'user 1' })).toBe(true);
    expect(fails({ authProvider: 'clerk', externalId: 'usér_1' })).toBe(true);
    expect(fails({ authProvider: 'clerk', externalId: 'x'.repeat(256) })).toBe(true);
    expect(fails({ authProvider: 'clerk', externalId: 'x'.repeat(255) })).toBe(false);
  });

  it('refuses a provider that is not a lower-case key of at most 50 characters', () => {
    for (const provider of ['', 'Clerk', '1clerk', 'clerk-dev', 'a'.repeat(51)]) {
      expect(fails({ authProvider: provider, externalId: 'user_1' }), provider).toBe(true);
    }
    expect(AUTH_PROVIDER_PATTERN.test('a'.repeat(50))).toBe(true);
    expect(EXTERNAL_ID_PATTERN.test('user_123')).toBe(true);
  });

  it('issues name the column and never echo the rejected value', () => {
    const result = userSchemas.insert.safeParse({ ...base, authProvider: 'clerk', externalId: 'secret value' });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['externalId']);
    expect(JSON.stringify(result.error?.issues)).not.toContain('secret value');
  });

  it('is unique among live rows and set in pairs (the index and check drizzle-kit generates)', () => {
    const config = getTableConfig(users);
    const index = config.indexes.find((i) => i.config.name === 'users_external_identity_live_key');
    expect(index?.config.unique).toBe(true);
    expect(index?.config.columns.map((c) => (c as { name: string }).name)).toEqual(['auth_provider', 'external_id']);
    expect(index?.config.where).toBeDefined();
    expect(config.checks.map((c) => c.name)).toContain('users_external_identity_pair_check');
  });
});
