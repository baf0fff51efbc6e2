import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The README's main job, run as a newcomer runs it: a separate process, from the packages' sources
// (the `@org/source` export condition), as `npm run demo` does.
it('runs the demo end to end on embedded PGlite', () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@org/source', main], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('@org demo on embedded PGlite');
  expect(run.stdout).toMatch(/\d+ migration\(s\) applied/);
  expect(run.stdout).toContain('6 users, 6 projects, 120 leads');
  expect(run.stdout).toMatch(/after soft delete\s+119\s+hidden/);
  expect(run.stdout).toContain('committed after 2 attempts; retried on 40001');
  expect(run.stdout).toMatch(/Lovelace/);
  expect(run.stdout).toMatch(/120\s+\d+\.\d{2}\s+40/);
}, 180_000);
