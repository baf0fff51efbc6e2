// The workspace's exports carry `@org/source` (src/ for tests, no build needed); the tarballs hold no
// src/, so `publishConfig.exports` (what pnpm packs and publishes) must be the same map without it. A
// subpath added to one and not the other would publish a package missing it, or pointing at nothing.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const withoutSourceCondition = (exports: unknown): unknown =>
  typeof exports === 'object' && exports !== null
    ? Object.fromEntries(Object.entries(exports).flatMap(([key, value]) => (key === '@org/source' ? [] : [[key, withoutSourceCondition(value)]])))
    : exports;

it.each(['schema', 'migrations', 'testing', 'queries'])('@org/%s publishes its exports without @org/source, and no src/', (name) => {
  const manifest = JSON.parse(readFileSync(new URL(`../../../packages/${name}/package.json`, import.meta.url), 'utf8'));
  expect(manifest.publishConfig.exports).toEqual(withoutSourceCondition(manifest.exports));
  expect(JSON.stringify(manifest.publishConfig.exports)).not.toContain('src/');
  expect(manifest.files.filter((f: string) => f.includes('src'))).toEqual([]);
});
