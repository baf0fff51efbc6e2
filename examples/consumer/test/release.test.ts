import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'org-release-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const version = (pkg: string) => JSON.parse(readFileSync(join(scratch, pkg, 'package.json'), 'utf8')).version as string;

it('changeset version bumps the changed package, its dependents, and writes changelogs', () => {
  // The workspace's manifests and changesets config, with one sample changeset and none of the pending ones.
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
    mkdirSync(join(scratch, file, '..'), { recursive: true });
    cpSync(join(root, file), join(scratch, file));
  }
  for (const pkg of ['packages/schema', 'packages/migrations', 'packages/testing', 'packages/queries', 'examples/demo']) {
    mkdirSync(join(scratch, pkg), { recursive: true });
    cpSync(join(root, pkg, 'package.json'), join(scratch, pkg, 'package.json'));
  }
  const before = { schema: version('packages/schema'), testing: version('packages/testing'), queries: version('packages/queries') };
  writeFileSync(join(scratch, '.changeset/sample.md'), '---\n"@org/schema": minor\n---\n\nAdds a column helper.\n');

  const bin = join(root, 'node_modules/.bin/changeset');
  const result = spawnSync(bin, ['version'], { cwd: scratch, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);

  const [major, minor] = before.schema.split('.').map(Number) as [number, number];
  expect(version('packages/schema')).toBe(major === 0 ? `0.${minor + 1}.0` : `${major}.${minor + 1}.0`);
  // Packages that depend on @org/schema get a patch bump with the new range (updateInternalDependencies: patch).
  expect(version('packages/testing')).not.toBe(before.testing);
  expect(version('packages/queries')).not.toBe(before.queries);
  const queries = JSON.parse(readFileSync(join(scratch, 'packages/queries/package.json'), 'utf8'));
  expect(queries.dependencies['@org/schema']).toBe('workspace:^');
  expect(readFileSync(join(scratch, 'packages/schema/CHANGELOG.md'), 'utf8')).toContain('Adds a column helper.');
  // The private example is ignored.
  expect(version('examples/demo')).toBe('0.0.0');
  expect(existsSync(join(scratch, '.changeset/sample.md'))).toBe(false);
});
