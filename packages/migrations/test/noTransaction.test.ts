import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { scratchSuite } from './support/scratchSuite.ts';
import { MigrationFailedError, NO_TRANSACTION_MARKER, migrate } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';

describe.each(engines)('non-transactional migrations on %s', (engine) => {
  const scratch = scratchSuite(engine);
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(async () => {
    folder = migrationFolder({
      '0000_items': `create table items (id int primary key, code text);
--> statement-breakpoint
insert into items values (1, 'a'), (2, 'a'), (3, 'b');`,
    });
  });
  afterEach(() => folder.remove());

  const indexValidity = () =>
    scratch().rows<{ indisvalid: boolean }>(
      `select indisvalid from pg_index where indexrelid = to_regclass('items_code_key')`,
    );

  it('applies CREATE INDEX CONCURRENTLY outside a transaction', async () => {
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently items_code_key on items (code);`);
    const result = await migrate(scratch().client, { folder: folder.dir });
    expect(result.applied.map((m) => [m.name, m.transactional])).toEqual([
      ['0000_items', true],
      ['0001_index', false],
    ]);
    expect(await indexValidity()).toEqual([{ indisvalid: true }]);
  });

  it('drops a failed concurrent index so a retry works', async () => {
    folder.write(
      '0001_index',
      `${NO_TRANSACTION_MARKER}\ncreate unique index concurrently items_code_key on items (code);`,
    );
    await expect(migrate(scratch().client, { folder: folder.dir })).rejects.toBeInstanceOf(MigrationFailedError);
    expect(await indexValidity()).toEqual([]);

    await scratch().rows(`update items set code = 'c' where id = 2`);
    const retry = await migrate(scratch().client, { folder: folder.dir });
    expect(retry.applied.map((m) => m.name)).toEqual(['0001_index']);
    expect(await indexValidity()).toEqual([{ indisvalid: true }]);
  });
});
