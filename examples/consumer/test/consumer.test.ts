import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const packages = ['schema', 'migrations', 'testing', 'queries'];
let project = '';

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  // Pack the built packages (`pnpm pack` rewrites workspace: ranges to versions), outside the workspace.
  project = mkdtempSync(join(tmpdir(), 'org-consumer-'));
  const tarballs: Record<string, string> = {};
  for (const name of packages) {
    execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: join(root, 'packages', name), stdio: 'pipe' });
  }
  for (const file of readdirSync(project).filter((f) => f.endsWith('.tgz'))) {
    const name = packages.find((p) => file.startsWith(`org-${p}-`))!;
    tarballs[`@org/${name}`] = `file:./${file}`;
  }
  cpSync(fileURLToPath(new URL('../app', import.meta.url)), project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { ...tarballs, 'drizzle-orm': '0.45.4', zod: '4.6.7' },
        devDependencies: { typescript: '5.9.3', vitest: '4.1.12', '@types/node': '^20.19.0' },
        // The tarballs depend on each other by version; point those ranges at the local tarballs.
        overrides: tarballs,
      },
      null,
      2,
    ),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project);
}, 600_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

it('installs tarballs without the sources and without the workspace-only export condition', () => {
  // The workspace resolves the packages' src/ through the `@org/source` condition; the tarballs hold
  // dist/ only and `publishConfig.exports` (applied by pnpm pack / publish) drops the condition.
  for (const name of packages) {
    const installed = join(project, 'node_modules/@org', name);
    expect(existsSync(join(installed, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(readFileSync(join(installed, 'package.json'), 'utf8')).not.toContain('@org/source');
  }
});

it('type-checks ESM and CJS consumers under strict settings', () => {
  run(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], project);
  expect(readdirSync(join(project, 'dist')).sort()).toEqual(['cjs.cjs', 'esm.mjs', 'fixture.test.js', 'shop', 'shop.test.js']);
  // The app's type tests (src/shop/types.test-d.ts) are part of this compile: a wrong inferred type, or an
  // `@ts-expect-error` line that compiles, fails it.
  expect(readdirSync(join(project, 'dist/shop'))).toContain('types.test-d.js');
});

it('runs the ESM consumer: migrate, repository, typed error, rolled-back fixture', () => {
  const out = JSON.parse(run(process.execPath, ['dist/esm.mjs'], project).trim());
  expect(out).toMatchObject({ upToDate: true, leadState: 'CA', totalLeads: 1, uniqueError: 'users_email_live_key', zodRejects: true, afterCount: 0 });
  // The consumer's own schema through the generic API, from the tarballs, under strict TypeScript.
  expect(out).toMatchObject({ ownNotes: ['hello'], configError: true });
  expect(out.applied).toBeGreaterThan(0);
  expect(out.insideCount).toBe(1);
});

it('runs the CJS consumer through require', () => {
  expect(JSON.parse(run(process.execPath, ['dist/cjs.cjs'], project).trim())).toEqual({ cjs: true, partner: 'ABC Debt Relief' });
});

it('runs a vitest suite on the published fixtures', () => {
  const out = run(join(project, 'node_modules/.bin/vitest'), ['run', 'src/fixture.test.ts'], project);
  expect(out).toMatch(/2 passed/);
});

it('runs the app on its own schema: own factories, its module-level client on the test transaction, the generic repository API', () => {
  // app/src/shop: its tables (column helpers of @org/schema), migrations (app/migrations), client, repositories and functions.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes (ESC [ … m) from vitest's output
  const out = run(join(project, 'node_modules/.bin/vitest'), ['run', 'src/shop.test.ts'], project).replace(/\x1b\[[0-9;]*m/g, '');
  // One test needs a server (TEST_DATABASE_URL) and is skipped without it.
  expect(out).toMatch(process.env.TEST_DATABASE_URL ? /Tests\s+17 passed/ : /Tests\s+16 passed \| 1 skipped/);
  expect(out).not.toMatch(/failed/);
});
