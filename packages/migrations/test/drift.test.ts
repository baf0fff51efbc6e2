import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, connect, engines } from '../../../tooling/testEngines.ts';
import { checkDrift, formatSchemaDiff, migrate } from '../src/index.ts';
import { adoptFixtureFolder } from './support/adoptFixture.ts';
import { scratchSuite } from './support/scratchSuite.ts';

describe.each(engines)('checkDrift on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it('passes right after migrate, and names each manual change made after it', async () => {
    const folder = adoptFixtureFolder();
    try {
      await migrate(scratch().client, { folder: folder.dir });
      const clean = await checkDrift(scratch().client, { folder: folder.dir });
      expect(clean).toMatchObject({ drifted: false, differences: [], applied: ['0000_init', '0001_touch_and_rls'] });

      await scratch().rows('alter table users add column nickname text');
      await scratch().rows('alter table users alter column status drop default');
      await scratch().rows('drop index projects_live_idx');
      await scratch().rows('alter table projects disable row level security');
      const drift = await checkDrift(scratch().client, { folder: folder.dir });
      expect(drift.drifted).toBe(true);
      expect(formatSchemaDiff(drift.differences).split('\n')).toEqual([
        '+ index public.projects.projects_live_idx (the migrations make it; the database lacks it)',
        '~ row security public.projects',
        '    enabled: expected true, database has false',
        '- column public.users.nickname (not made by the migrations)',
        '~ column public.users.status',
        "    default: expected 'active'::character varying, database has (none)",
      ]);
    } finally {
      folder.remove();
    }
  });

  it('judges by what the journal says ran: a pending migration is not expected yet', async () => {
    const folder = adoptFixtureFolder();
    try {
      await migrate(scratch().client, { folder: folder.dir });
      folder.write('0002_more', 'alter table users add column phone text;');
      expect((await checkDrift(scratch().client, { folder: folder.dir })).drifted).toBe(false);
      await scratch().rows('alter table users add column phone text');
      const drift = await checkDrift(scratch().client, { folder: folder.dir });
      expect(drift.differences.map((d) => `${d.change} ${d.name}`)).toEqual(['extra phone']);
    } finally {
      folder.remove();
    }
  });

  it.runIf(engine === 'postgres')('builds the expected schema on a scratch database of the same server when given one', async () => {
    const folder = adoptFixtureFolder();
    const database = await createPostgresDatabase('drift_scratch');
    const sql = connect(database.url, { max: 1 });
    try {
      await migrate(scratch().client, { folder: folder.dir });
      expect((await checkDrift(scratch().client, { folder: folder.dir, scratch: sql })).drifted).toBe(false);
      // A scratch database that is not empty is refused: it is never filled by mistake.
      await expect(checkDrift(scratch().client, { folder: folder.dir, scratch: sql })).rejects.toThrow(/scratch database must be empty/);
    } finally {
      await sql.end();
      await database.drop();
      folder.remove();
    }
  });
});
