// A column the bridge keeps (the migrations do not make it, and it may hold data) keeps what guards it:
// its foreign key, unique constraint and plain index. Found on seed 003, whose kept
// users.email_capture_id lost its foreign key to the bridge.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { adoptDatabase, checkDrift } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { runScript, sqlState } from './support/seedAdoption.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const INIT =
  'create table captures (id int primary key);\ncreate table users (id int primary key, email text not null);\ncreate index idx_users_email on users (email);\n';

describe.each(engines)('adopt keeps the constraints and indexes of a kept column, on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it('keeps the foreign key, unique constraint and index on kept columns, drops the extra index on a column the migrations make', async () => {
    const folder = migrationFolder({ '0000_init': INIT });
    try {
      await runScript(
        scratch(),
        `create table captures (id int primary key);
        create table users (id int primary key, email text not null, capture_id int, referral_code text,
          constraint users_capture_id_fk foreign key (capture_id) references captures (id),
          constraint users_referral_code_unique unique (referral_code));
        create index idx_users_email on users (email);
        create index idx_users_capture on users (capture_id);
        create index idx_users_email_lower on users (email, id);
        insert into captures values (1);
        insert into users values (1, 'a@example.com', 1, 'REF1');`,
      );
      const first = await adoptDatabase(scratch().client, { folder: folder.dir });
      const bridge = readFileSync(first.bridgeFile!, 'utf8');
      expect(first.kept.map((d) => `${d.object} ${d.table}.${d.name}`).sort()).toEqual([
        'column public.users.capture_id',
        'column public.users.referral_code',
        'constraint public.users.users_capture_id_fk',
        'constraint public.users.users_referral_code_unique',
        'index public.users.idx_users_capture',
      ]);
      expect(bridge).toContain('-- org-migrate:keep constraint public.users.users_capture_id_fk\n');
      expect(bridge).not.toContain('DROP CONSTRAINT');
      // An extra index that covers a column the migrations make is not the kept column's: it goes.
      expect(bridge).toContain('DROP INDEX IF EXISTS "public"."idx_users_email_lower";');
      expect(bridge).not.toContain('"idx_users_capture";');

      const second = await adoptDatabase(scratch().client, { folder: folder.dir });
      expect({ outcome: second.outcome, remaining: second.remaining }).toEqual({ outcome: 'bridged', remaining: [] });
      expect(await sqlState(() => scratch().rows('update users set capture_id = 2'))).toBe('23503');
      expect(await sqlState(() => scratch().rows(`insert into users values (2, 'b@example.com', null, 'REF1')`))).toBe('23505');
      expect((await checkDrift(scratch().client, { folder: folder.dir })).drifted).toBe(false);
    } finally {
      folder.remove();
    }
  });
});
