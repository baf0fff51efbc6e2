import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pgliteTemplate, selectTestEngine } from '../src/index.ts';

describe('engine selection', () => {
  it('uses PGlite by default, PostgreSQL when TEST_DATABASE_URL is set, ORG_TEST_ENGINE wins', () => {
    expect(selectTestEngine({})).toBe('pglite');
    expect(selectTestEngine({ TEST_DATABASE_URL: 'postgres://x' })).toBe('postgres');
    expect(selectTestEngine({ TEST_DATABASE_URL: 'postgres://x', ORG_TEST_ENGINE: 'pglite' })).toBe('pglite');
    expect(() => selectTestEngine({ ORG_TEST_ENGINE: 'mysql' })).toThrow(/pglite' or 'postgres/);
  });
});

describe('PGlite template cache', () => {
  it("caches the migrated dump keyed by the migrations' checksums", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'org-testing-cache-'));
    const folder = mkdtempSync(join(tmpdir(), 'org-testing-migrations-'));
    try {
      writeFileSync(join(folder, '0000_a.sql'), 'create table a (id int);');
      await pgliteTemplate(folder, cache);
      const first = readdirSync(cache);
      expect(first).toHaveLength(1);
      await pgliteTemplate(folder, cache);
      expect(readdirSync(cache)).toEqual(first);
      writeFileSync(join(folder, '0001_b.sql'), 'create table b (id int);');
      await pgliteTemplate(folder, cache);
      expect(readdirSync(cache)).toHaveLength(2);
      expect(existsSync(join(cache, first[0]!))).toBe(true);
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
