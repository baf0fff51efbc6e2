// A type change PostgreSQL has no cast for (jsonb -> text[], seed 003's completed_steps) makes the
// bridge's `ALTER COLUMN … TYPE … USING c::type` fail whatever the rows hold (42846). The bridge says so
// in a review note when it is written, instead of the team finding out when it runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { adoptDatabase } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runScript, stateOf } from './support/seedAdoption.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const INIT = "create table steps (id int primary key, done text[] not null default '{}', label varchar(20), n bigint);\n";

describe.each(engines)('adopt notes a type change without a cast, on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it('writes a review note for jsonb -> text[] only (text -> varchar and int -> bigint have casts), and the bridge fails as the note says', async () => {
    const folder = migrationFolder({ '0000_init': INIT });
    try {
      await runScript(
        scratch(),
        `create table steps (id int primary key, done jsonb not null default '[]', label text, n int);
        insert into steps values (1, '["a", "b"]', 'x', 1);`,
      );
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect(first.differences.map((d) => `${d.name}: ${d.fields?.map((f) => f.field).join(',')}`)).toEqual(['done: type,default', 'label: type', 'n: type']);
      const note =
        'public.steps.done: PostgreSQL has no cast from jsonb to text[], so the statement above fails (42846) whatever the rows hold; convert the column yourself before it (a USING expression of your own)';
      expect(first.review).toEqual([note]);
      expect(readFileSync(first.bridgeFile!, 'utf8')).toContain(`-- review: ${note}\n`);

      const refused = await adoptDatabase(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
      expect(stateOf(refused)).toBe('42846');
    } finally {
      folder.remove();
    }
  });
});
