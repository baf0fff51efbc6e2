import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPgliteDataDir, orgMigrationsFolder } from '../src/index.ts';
import { runCli } from './support/runCli.ts';

describe('org-migrate --pglite on a directory a running app holds', () => {
  it('refuses with who holds it and exits non-zero, instead of opening it a second time', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'org-cli-lock-')), 'data');
    const app = lockPgliteDataDir(dir); // this process plays the running app
    try {
      const { code, stderr } = await runCli(['up', '--pglite', dir, '--dir', orgMigrationsFolder()]);
      expect(code).toBe(3);
      expect(stderr).toMatch(new RegExp(`in use by pid ${process.pid}`));
      expect(stderr).not.toMatch(/unexpected error/);
    } finally {
      app?.release();
    }
    // Released: the CLI opens it, and releases it again on exit.
    const { code } = await runCli(['up', '--pglite', dir, '--dir', orgMigrationsFolder()]);
    expect(code).toBe(0);
    const again = lockPgliteDataDir(dir);
    expect(again).toBeDefined();
    again?.release();
  }, 120_000);
});
