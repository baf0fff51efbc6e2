import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const readmes = ['README.md', 'packages/schema/README.md', 'packages/migrations/README.md', 'packages/testing/README.md', 'packages/queries/README.md'];

it('type-checks every ts code block of the READMEs', () => {
  const dir = fileURLToPath(new URL('../.readme-check', import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const readme of readmes) {
    const blocks = [...readFileSync(join(root, readme), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    blocks.forEach((code, i) => {
      const file = join(dir, `${readme.replace(/[/.]/g, '_')}_${i}.ts`);
      writeFileSync(file, code);
      written.push(file);
    });
  }
  expect(written.length).toBeGreaterThanOrEqual(10);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.base.json',
      compilerOptions: { noEmit: true, allowImportingTsExtensions: true, noUnusedLocals: false, types: ['node'] },
      include: ['*.ts'],
    }),
  );
  const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  const report = tsc.stdout.replaceAll(dir, relative(root, dir));
  expect(report, report).toBe('');
  expect(tsc.status).toBe(0);
}, 120_000);
