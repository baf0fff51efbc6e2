// A failed migration's error never shows a value from the database: PostgreSQL's message and detail
// quote the rows (`invalid input syntax for type uuid: "user_2…"`, `Key (email)=(…) already exists`),
// so the error says file, statement, SQLSTATE, condition and what was kept, by every route it can be
// printed; the server's error is only behind originalError(). Attacked with a hostile value that sits
// in the database (not in any file), on both engines, transactional and no-transaction files.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { engines } from '../../../tooling/testEngines.ts';
import { MigrationFailedError, NO_TRANSACTION_MARKER, migrate } from '../src/index.ts';
import { migrationFolder } from './support/migrationFolder.ts';
import { scratchSuite } from './support/scratchSuite.ts';

const HOSTILE = `user_2Secret'"\\<b>${'x'.repeat(8)}`;
const SECRET = 'user_2Secret';

function renderings(error: MigrationFailedError): Record<string, string> {
  return {
    message: error.message,
    stack: error.stack ?? '',
    toJSON: JSON.stringify(error.toJSON()),
    inspect: inspect(error, { showHidden: true, depth: Infinity }),
    string: String(error),
    stringify: JSON.stringify(error),
    template: `${error}`,
  };
}

describe.each(engines)('MigrationFailedError values on %s', (engine) => {
  const scratch = scratchSuite(engine);

  it.each([
    ['22P02', 'invalid_text_representation', 'a text id cast to uuid', { '0001_uuid': 'alter table people alter column id type uuid using id::uuid;' }],
    [
      '23505',
      'unique_violation',
      'a unique index over duplicates (detail holds the key)',
      { '0001_unique': 'create unique index people_email on people (email);' },
    ],
    [
      '23505',
      'unique_violation',
      'a concurrent unique index in a no-transaction file',
      { '0001_unique': `${NO_TRANSACTION_MARKER}\ncreate unique index concurrently people_email on people (email);` },
    ],
  ])('shows SQLSTATE %s (%s), never the value, for %s', async (code, condition, _what, files) => {
    await scratch().rows('create table people (id text, email text)');
    await scratch().rows('insert into people values ($1, $1), ($1, $1)', [HOSTILE]);
    const folder = migrationFolder({ '0000_people': 'create table if not exists people (id text, email text);', ...files });
    let error: MigrationFailedError;
    try {
      error = (await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e)) as MigrationFailedError;
    } finally {
      folder.remove();
    }
    expect(error).toBeInstanceOf(MigrationFailedError);
    // The server really did quote the value: the test attacks something real.
    const original = error.originalError() as { code?: string; message?: string; detail?: string };
    expect(`${original.message} ${original.detail ?? ''}`).toContain(SECRET);
    expect(original.code).toBe(code);

    expect(error).toMatchObject({ sqlState: code, condition, migration: Object.keys(files)[0] });
    expect(error.message).toContain(`SQLSTATE ${code} (${condition})`);
    expect(error.message).toContain(error.kept);
    for (const [route, text] of Object.entries(renderings(error))) {
      expect(text, route).not.toContain(SECRET);
      expect(text, route).not.toContain(original.message!);
    }
    expect('cause' in error).toBe(false);
    expect(Object.keys(error)).not.toContain('cause');
  });

  it('names the statement by number and line when the server gives a position', async () => {
    const folder = migrationFolder({
      '0000_people': 'create table people (id text);\n--> statement-breakpoint\ninsert into people values (1);\n--> statement-breakpoint\nselec 2;',
    });
    try {
      const error = (await migrate(scratch().client, { folder: folder.dir }).catch((e: unknown) => e)) as MigrationFailedError;
      expect(error).toBeInstanceOf(MigrationFailedError);
      expect(error).toMatchObject({ sqlState: '42601', condition: 'syntax_error', statement: 3, line: 5 });
      expect(error.message).toMatch(/^migration 0000_people\.sql failed at statement 3 \(line 5\): SQLSTATE 42601 \(syntax_error\)\. Nothing of it was kept/);
    } finally {
      folder.remove();
    }
  });

  it('describes a client-side error by its kind only', () => {
    const error = new MigrationFailedError('0001_x', new Error(`socket closed near ${HOSTILE}`), 'Nothing of it was kept.');
    for (const [route, text] of Object.entries(renderings(error))) expect(text, route).not.toContain(SECRET);
    expect(error.message).toBe('migration 0001_x.sql failed: a client-side error (Error), no SQLSTATE. Nothing of it was kept. Fix the file and run again.');
    expect(error.sqlState).toBeUndefined();
  });
});
