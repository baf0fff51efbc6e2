import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engines, scratchDatabase, type ScratchDatabase } from '../../../tooling/testEngines.ts';
import { MigrationFailedError, NO_TRANSACTION_MARKER, migrate } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';

describe.each(engines)('non-transactional migrations on %s', (engine) => {
  let db: ScratchDatabase;
  let folder: ReturnType<typeof migrationFolder>;
  beforeAll(async () => {
    db = await scratchDatabase(engine);
  });
  beforeEach(async () => {
    await db.reset();
    folder = migrationFolder({
      '0000_items': `create table items (id int primary key, code text);
--> statement-breakpoint
insert into items values (1, 'a'), (2, 'a'), (3, 'b');`,
    });
  });
  afterEach(() => folder.remove());
  afterAll(async () => db.close());

  const indexValidity = () =>
    db.rows<{ indisvalid: boolean }>(
      `select indisvalid from pg_index where indexrelid = to_regclass('items_code_key')`,
    );

  it('applies CREATE INDEX CONCURRENTLY outside a transaction', async () => {
    folder.write('0001_index', `${NO_TRANSACTION_MARKER}\ncreate index concurrently items_code_key on items (code);`);
    const result = await migrate(db.client, { folder: folder.dir });
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
    await expect(migrate(db.client, { folder: folder.dir })).rejects.toBeInstanceOf(MigrationFailedError);
    expect(await indexValidity()).toEqual([]);

    await db.rows(`update items set code = 'c' where id = 2`);
    const retry = await migrate(db.client, { folder: folder.dir });
    expect(retry.applied.map((m) => m.name)).toEqual(['0001_index']);
    expect(await indexValidity()).toEqual([{ indisvalid: true }]);
  });
});
