import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { MigrationFileError, migrate, validateMigrationFile, type MigrationFile } from '../src/index.ts';
import { scanSql } from '../src/files/scanSql.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const file = (sql: string, transactional = true): MigrationFile => ({ name: '0001_x', sql, checksum: '', transactional });
const flaggedLines = (sql: string) => validateMigrationFile(file(sql)).map((p) => p.line);

describe('transaction control in a transactional file', () => {
  it.each([
    ['commit;', 'COMMIT'],
    ['COMMIT WORK;', 'COMMIT'],
    ['begin;', 'BEGIN'],
    ['Begin Transaction;', 'BEGIN'],
    ['rollback;', 'ROLLBACK'],
    ['end;', 'END'],
    ['abort;', 'ABORT'],
    ['start transaction isolation level serializable;', 'START TRANSACTION'],
    ['commit', 'COMMIT'], // last statement, no semicolon
  ])('flags %s, naming the line', (statement, keyword) => {
    const problems = validateMigrationFile(file(`create table a (id int);\n\n${statement}\ncreate table b (id int);`));
    expect(problems).toEqual([{ migration: '0001_x', line: 3, message: expect.stringMatching(new RegExp(`^${keyword} in a transactional migration`)) }]);
  });

  it('flags each one on its own line', () => {
    expect(flaggedLines('begin;\ncreate table a (id int);\ncommit;\n')).toEqual([1, 3]);
  });

  it.each([
    ['a string', `insert into notes (body) values ('commit; begin; rollback;');`],
    ['an escape string', `insert into notes (body) values (E'it\\'s; commit;');`],
    ['a line comment', `-- commit;\ncreate table a (id int); -- then commit\n`],
    ['a nested block comment', `/* begin; /* commit; */ rollback; */ create table a (id int);`],
    ['a dollar-quoted function body', `create function f() returns void language plpgsql as $$ begin perform 1; commit; end $$;`],
    ['a tagged dollar quote', `do $body$ begin\n  commit;\nend $body$;`],
    ['a BEGIN ATOMIC body', `create function g() returns int language sql begin atomic select case when true then 1 end; select 2; end;`],
    ['an identifier', `create table commit_log (id int);\ncreate table "commit" (id int);\ninsert into "commit" values (1);`],
    ['a savepoint rollback', `savepoint s;\ncreate table a (id int);\nrollback to savepoint s;`],
    ['a comment statement', `comment on table notes is 'begin here; end there';`],
  ])('does not flag the word in %s', (_what, sql) => {
    expect(flaggedLines(sql)).toEqual([]);
  });

  it('does not apply the rule to a no-transaction file', () => {
    expect(validateMigrationFile(file('vacuum notes;', false))).toEqual([]);
  });
});

describe('scanSql', () => {
  it('splits on top-level semicolons and reports the first code line of each statement', () => {
    const statements = scanSql(`-- header\nselect 1;\n\n/* a\n b */ select\n 2; select $$;$$;\nselect 'x;\ny';\nselect 3`);
    expect(statements.map((s) => [s.line, s.code])).toEqual([
      [2, 'select 1'],
      [5, 'select 2'],
      [6, 'select $$ $$'],
      [7, "select ''"],
      [9, 'select 3'],
    ]);
  });

  it('keeps quoted identifiers and treats $1 as a parameter, not a dollar quote', () => {
    expect(scanSql('select "A;b" from t where x = $1; select 2').map((s) => s.code)).toEqual(['select "A;b" from t where x = $1', 'select 2']);
  });
});

describe.each(engines)('a transactional file with COMMIT on %s', (engine) => {
  const scratch = scratchSuite(engine);
  let folder: ReturnType<typeof migrationFolder>;
  beforeEach(() => {
    folder = migrationFolder({ '0000_base': 'create table base (id int);' });
  });
  afterEach(() => folder.remove());

  it('is refused before anything runs, naming the line, and nothing of it persists', async () => {
    await migrate(scratch().client, { folder: folder.dir });
    folder.write('0001_commits', 'create table kept (id int);\ncommit;\ncreate table after (id int);\nselect 1 / 0;');
    const error = await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFileError);
    expect((error as Error).message).toMatch(/^nothing was run: 0001_commits\.sql line 2: COMMIT in a transactional migration/);
    expect(await scratch().rows(`select to_regclass('kept')::text as t`)).toEqual([{ t: null }]);
    const journal = await scratch().rows<{ name: string }>('select name from org_migrations order by name');
    expect(journal.map((r) => r.name)).toEqual(['0000_base']);
  });

  it('runs a file whose COMMIT is only inside a function body', async () => {
    folder.write(
      '0001_proc',
      `create procedure org_tick() language plpgsql as $$ begin perform 1; commit; end $$;\n-- commit here is a comment\ncomment on procedure org_tick() is 'may commit';`,
    );
    const result = await migrate(scratch().client, { folder: folder.dir });
    expect(result.applied.map((m) => m.name)).toEqual(['0000_base', '0001_proc']);
  });
});
