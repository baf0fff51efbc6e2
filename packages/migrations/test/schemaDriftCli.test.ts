// `org-migrate check` with a schema configured (--schema or the config's "schema"): exit 1 and the
// statements drizzle-kit generate would write when the drizzle schema has changes no committed
// migration holds; exit 0 when they agree; an unloadable schema module is a usage error (exit 2).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const V1 = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
export const notes = pgTable('notes', { id: uuid('id').primaryKey().defaultRandom(), body: text('body').notNull() });
`;
const V2 = V1.replace("body: text('body').notNull() }", "body: text('body').notNull(), pinned: text('pinned') }");

describe('org-migrate check with a schema', () => {
  it('exit 0 when schema and migrations agree, 1 with the statements when the schema has more, 2 for a schema it cannot load', async () => {
    // Inside the package, so the schema module resolves drizzle-orm like a consumer's would.
    const dir = mkdtempSync(join(packageDir, 'test', '.kit-'));
    const schema = join(dir, 'schema.ts');
    const out = join(dir, 'drizzle');
    try {
      writeFileSync(schema, V1);
      execFileSync(
        join(packageDir, 'node_modules', '.bin', 'drizzle-kit'),
        ['generate', '--dialect', 'postgresql', '--schema', relative(packageDir, schema), '--out', relative(packageDir, out)],
        { cwd: packageDir, stdio: 'pipe' },
      );
      const db = ['--dir', out, '--pglite', join(dir, 'pgdata')];
      expect((await runCli(['up', ...db])).code).toBe(0);

      const clean = await runCli(['check', ...db, '--schema', schema]);
      expect(clean.stdout).toContain('no schema drift: the drizzle schema is what the committed migrations make (meta/0000_snapshot.json)');
      expect(clean.code).toBe(0);

      writeFileSync(schema, V2);
      const drifted = await runCli(['check', ...db, '--schema', schema]);
      expect(drifted.stderr).toContain(
        'schema drift: the drizzle schema has changes no committed migration holds (compared with meta/0000_snapshot.json); drizzle-kit generate would write:\n  ALTER TABLE "notes" ADD COLUMN "pinned" text;',
      );
      expect(drifted.code).toBe(1);

      // The same from org-migrate.config.json, run from the project directory.
      writeFileSync(join(dir, 'org-migrate.config.json'), JSON.stringify({ dir: './drizzle', schema: './schema.ts' }));
      const configured = await runCli(['check', '--pglite', join(dir, 'pgdata')], {}, dir);
      expect(configured.stderr).toContain('ALTER TABLE "notes" ADD COLUMN "pinned" text;');
      expect(configured.code).toBe(1);

      const missing = await runCli(['check', ...db, '--schema', join(dir, 'nope.js')]);
      expect(missing.stderr).toContain(`could not load the schema module ${join(dir, 'nope.js')} (ERR_MODULE_NOT_FOUND)`);
      expect(missing.code).toBe(2);
      expect((await runCli(['up', ...db, '--schema', schema])).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
