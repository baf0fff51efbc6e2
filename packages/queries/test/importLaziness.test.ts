// Importing @org/queries is a serverless cold start's cost: what a request does not need must not load
// or be built then. Checked in fresh processes (a module loaded once stays loaded for the whole worker),
// with a resolve hook that refuses packages: the import fails if anything imports one at load.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./support/importRefusing.ts', import.meta.url));

function importRefusing(specifier: string, ...packages: string[]): { imported: boolean; builtSchemas: string[] | null } {
  const run = spawnSync(process.execPath, ['--conditions=@org/source', '--import', 'tsx', script, specifier, ...packages], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the import process failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

// The engine plays no part: once is enough.
describe.runIf(process.env.ORG_TEST_ENGINE !== 'postgres')('importing @org/queries', () => {
  it('loads no drizzle-kit (migration generation and drift checks load it when called)', () => {
    expect(importRefusing('@org/queries', 'drizzle-kit')).toEqual({ imported: true, builtSchemas: [] });
  });

  it('builds none of the @org zod schemas (each is built on first read)', () => {
    expect(importRefusing('@org/queries').builtSchemas).toEqual([]);
  });

  it('imports @org/migrations (engine parity, SQLSTATE names, migration status) without drizzle-kit, PGlite or zod', () => {
    expect(importRefusing('@org/migrations', 'drizzle-kit', '@electric-sql/pglite', 'zod', 'drizzle-zod').imported).toBe(true);
  });

  it('fails when a package it does import at load is refused (the check can fail)', () => {
    expect(importRefusing('@org/queries', 'postgres').imported).toBe(false);
  });
});
