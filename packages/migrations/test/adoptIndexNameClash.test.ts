// Index names are unique per schema, not per table: a table the bridge keeps (a team's old table) can
// hold the name of an index the migrations make on another table (claude_code's `idx_users_email` on
// claude_code_users, @org's on users). The bridge's CREATE INDEX IF NOT EXISTS then skips silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { adoptDatabase, checkDrift } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runScript } from './support/seedAdoption.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const INIT = 'create table users (id int primary key, email text not null);\ncreate index idx_users_email on users (email);\n';

describe.each(engines)('adopt when a kept table holds an index name the migrations use, on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it('renames the kept index out of the way (guarded), creates the expected one, and adopts', async () => {
    const folder = migrationFolder({ '0000_init': INIT });
    try {
      await runScript(
        scratch(),
        `create table legacy_users (id text primary key, email text not null);
        create index idx_users_email on legacy_users (email);
        insert into legacy_users values ('user_1', 'a@example.com');`,
      );
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.differences.map((d) => `${d.change} ${d.object} ${d.name}`)).toEqual(['extra table public.legacy_users', 'missing table public.users']);
      const bridge = readFileSync(first.bridgeFile!, 'utf8');
      expect(bridge).toContain('ALTER INDEX "public"."idx_users_email" RENAME TO "legacy_users_idx_users_email";');
      expect(first.review).toEqual([
        'index name idx_users_email is taken by an index on public.legacy_users, which the bridge keeps: it is renamed legacy_users_idx_users_email first',
      ]);

      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: second.outcome, remaining: second.remaining }).toEqual({ outcome: 'bridged', remaining: [] });
      expect(
        await scratch().rows(`select c.relname as index, t.relname as "table" from pg_index i join pg_class c on c.oid = i.indexrelid
        join pg_class t on t.oid = i.indrelid where c.relname in ('idx_users_email', 'legacy_users_idx_users_email') order by 1`),
      ).toEqual([
        { index: 'idx_users_email', table: 'users' },
        { index: 'legacy_users_idx_users_email', table: 'legacy_users' },
      ]);
      expect(await scratch().rows('select id, email from legacy_users')).toEqual([{ id: 'user_1', email: 'a@example.com' }]);
      expect((await checkDrift(scratch().client, { folder: folder.dir })).drifted).toBe(false);
    } finally {
      folder.remove();
    }
  });
});
