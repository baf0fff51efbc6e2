// The runner's error classes, together because callers catch and import them together (over 200
// lines for that reason); what MigrationFailedError may show is decided here, next to the class.
import { scanSql } from './files/scanSql.ts';
import { describeLockHolder, type LockHolder } from './journal/lockHolder.ts';
import { sqlStateName } from './sqlStateNames.ts';

/**
 * Base class of every error the runner throws; `code` tells them apart without `instanceof`.
 *
 * @example
 * catch (e) { if (e instanceof MigrationError) { console.error(e.message); process.exit(3); } }
 */
export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  constructor(code: MigrationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The codes of {@link MigrationError}. */
export type MigrationErrorCode =
  | 'MIGRATION_FOLDER'
  | 'MIGRATION_LOCK_TIMEOUT'
  | 'MIGRATION_CHECKSUM_MISMATCH'
  | 'MIGRATION_OUT_OF_ORDER'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_FILE'
  | 'MIGRATION_MISSING'
  | 'MIGRATION_SET'
  | 'MIGRATION_ADOPT';

/**
 * The migrations folder is missing or unreadable.
 *
 * @example
 * await migrate(sql, { folder: './drizzle' }); // MigrationFolderError when it does not exist
 */
export class MigrationFolderError extends MigrationError {
  constructor(message: string) {
    super('MIGRATION_FOLDER', message);
  }
}

/**
 * Another runner held the advisory lock for longer than `lockWaitTimeoutMs`.
 *
 * @example
 * await migrate(sql, { lockWaitTimeoutMs: 30_000 }); // MigrationLockTimeoutError after 30 s
 */
export class MigrationLockTimeoutError extends MigrationError {
  constructor(
    readonly waitedMs: number,
    /** The session that held the lock, when it could be seen. */
    readonly holder?: LockHolder,
  ) {
    super(
      'MIGRATION_LOCK_TIMEOUT',
      `another migration run held the lock for ${waitedMs} ms` +
        (holder
          ? `: ${describeLockHolder(holder)}. Wait for it to finish and run again; if its runner is gone, end it with ` +
            `select pg_terminate_backend(${holder.pid}). Or raise lockWaitTimeoutMs (CLI: --lock-wait).`
          : '. Wait for it to finish (or find the stuck session in pg_stat_activity) and run again, or raise ' + 'lockWaitTimeoutMs (CLI: --lock-wait).'),
    );
  }
}

/**
 * Applied migration files were edited after they ran.
 *
 * @example
 * catch (e) { if (e instanceof MigrationChecksumMismatchError) console.error(e.names); }
 */
export class MigrationChecksumMismatchError extends MigrationError {
  constructor(readonly names: readonly string[]) {
    super(
      'MIGRATION_CHECKSUM_MISMATCH',
      `applied migration${names.length > 1 ? 's were' : ' was'} edited: ${names.map((n) => `${n}.sql`).join(', ')}. ` +
        'Restore the applied text and put the change in a new migration.',
    );
  }
}

/**
 * Unapplied migrations sort before the newest applied one (e.g. merged from another branch).
 *
 * @example
 * catch (e) { if (e instanceof MigrationOutOfOrderError) await migrate(sql, { allowOutOfOrder: true }); }
 */
export class MigrationOutOfOrderError extends MigrationError {
  constructor(readonly names: readonly string[]) {
    super(
      'MIGRATION_OUT_OF_ORDER',
      `unapplied migration${names.length > 1 ? 's are' : ' is'} older than the newest applied one: ` +
        `${names.map((n) => `${n}.sql`).join(', ')}. Rename ${names.length > 1 ? 'them' : 'it'} to sort last, or ` +
        'apply with allowOutOfOrder (CLI: --allow-out-of-order) if the order does not matter.',
    );
  }
}

/** Where a failed migration stopped, when it is known. */
export interface MigrationFailurePlace {
  /** The SQL that was sent: with the server's error position it locates the statement. */
  sql?: string;
  /** The statement's 1-based number in the file, when the caller knows it. */
  statement?: number;
  /** The statement's 1-based first line in the file, when the caller knows it. */
  line?: number;
}

/** The errors MigrationFailedErrors were made from, kept off the error object (see originalError). */
const ORIGINALS = new WeakMap<object, unknown>();

/**
 * A migration failed. What it shows by any route (`message`, `stack`, `toJSON`, `util.inspect`,
 * `String`) names the file, the statement (number and line, when known), the SQLSTATE and its
 * condition name, and `kept`: exactly what of it stayed in the database (nothing for a transactional
 * file, whose transaction was rolled back; for a no-transaction file what its statement left and what
 * the runner did about it). Never the server's message or detail: those quote values from the rows
 * (`invalid input syntax for type uuid: "user_2…"`, `Failing row contains (…)`). The server's error is
 * reachable only on purpose, through {@link MigrationFailedError.originalError}; there is no `cause`.
 *
 * @example
 * catch (e) { if (e instanceof MigrationFailedError) console.error(e.migration, e.sqlState, e.kept); }
 */
export class MigrationFailedError extends MigrationError {
  /** SQLSTATE of the server's error (`22P02`), when there is one. */
  readonly sqlState: string | undefined;
  /** PostgreSQL's condition name for it (`invalid_text_representation`). */
  readonly condition: string | undefined;
  /** 1-based number of the failed statement in the file, when known. */
  readonly statement: number | undefined;
  /** 1-based line of the failed statement in the file, when known. */
  readonly line: number | undefined;

  constructor(
    readonly migration: string,
    original: unknown,
    readonly kept = 'Nothing of it was kept: its transaction was rolled back.',
    place: MigrationFailurePlace = {},
  ) {
    const facts = failureFacts(original, place);
    const at = facts.statement === undefined ? '' : ` at statement ${facts.statement}${facts.line === undefined ? '' : ` (line ${facts.line})`}`;
    super('MIGRATION_FAILED', `migration ${migration}.sql failed${at}: ${facts.reason}. ${kept} Fix the file and run again.`);
    this.sqlState = facts.sqlState;
    this.condition = facts.condition;
    this.statement = facts.statement;
    this.line = facts.line;
    if (original !== undefined) ORIGINALS.set(this, original);
  }

  /**
   * The error the server or driver raised, or undefined. For debugging on purpose only: its message
   * and detail can quote row values (a Clerk id refused by a uuid column, a failing row). Never log
   * or return it by default.
   *
   * @example
   * if (process.env.DEBUG_SQL) console.debug(error.originalError());
   */
  originalError(): unknown {
    return ORIGINALS.get(this);
  }

  /** A plain object for logs: name, code, message and the value-free fields. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      migration: this.migration,
      sqlState: this.sqlState,
      condition: this.condition,
      statement: this.statement,
      line: this.line,
      kept: this.kept,
    };
  }
}

/** What of a driver error may be shown: its SQLSTATE and condition, where it happened; never its text. */
function failureFacts(original: unknown, place: MigrationFailurePlace) {
  const e = (typeof original === 'object' && original !== null ? original : {}) as { code?: unknown; position?: unknown; name?: unknown };
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const condition = sqlState ? sqlStateName(sqlState) : undefined;
  let { statement, line } = place;
  const position = Number(e.position);
  if (statement === undefined && place.sql !== undefined && Number.isInteger(position) && position > 0) {
    ({ statement, line } = statementAt(place.sql, position - 1));
  }
  const kind = typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code) ? e.code : original instanceof Error ? original.name : typeof original;
  const reason = sqlState ? `SQLSTATE ${sqlState}${condition ? ` (${condition})` : ''}` : `a client-side error (${kind}), no SQLSTATE`;
  return { sqlState, condition, statement, line, reason };
}

/** The 1-based number and first line of the statement holding character `offset` of `sql`. */
function statementAt(sql: string, offset: number): { statement?: number; line?: number } {
  let cursor = 0;
  let found: { statement?: number; line?: number } = {};
  scanSql(sql).forEach((s, i) => {
    const at = sql.indexOf(s.text, cursor);
    if (at === -1 || at > offset) return;
    cursor = at + s.text.length;
    found = { statement: i + 1, line: s.line };
  });
  return found;
}

/**
 * Files that would not do what they say (a `COMMIT` in a transactional file, a second statement in a
 * no-transaction file), refused before anything runs; each problem names the file and line.
 *
 * @example
 * catch (e) { if (e instanceof MigrationFileError) for (const p of e.problems) console.error(`${p.migration}.sql:${p.line}`); }
 */
export class MigrationFileError extends MigrationError {
  constructor(readonly problems: readonly { migration: string; line: number; message: string }[]) {
    super('MIGRATION_FILE', `nothing was run: ${problems.map((p) => `${p.migration}.sql line ${p.line}: ${p.message}.`).join(' ')}`);
  }
}

/**
 * Applied migrations whose files are gone from the folder: usually the wrong folder or branch, so
 * nothing runs until the folder and the journal agree again.
 *
 * @example
 * catch (e) { if (e instanceof MigrationMissingError) console.error(e.names); }
 */
export class MigrationMissingError extends MigrationError {
  constructor(
    readonly names: readonly string[],
    journal: string,
  ) {
    super(
      'MIGRATION_MISSING',
      `nothing was run: applied migration${names.length > 1 ? 's are' : ' is'} no longer in the folder: ` +
        `${names.map((n) => `${n}.sql`).join(', ')}. Check that --dir (or the folder option) points at the right ` +
        `folder and branch and restore ${names.length > 1 ? 'them' : 'it'}; if ${names.length > 1 ? 'they were' : 'it was'} ` +
        `removed on purpose, delete ${names.length > 1 ? 'their rows' : 'its row'} from ${journal}.`,
    );
  }
}

/**
 * The journal's rows and this migrations set do not belong together (rows another folder wrote before
 * sets were recorded, or this folder's files journaled under another set name); nothing was run.
 *
 * @example
 * await migrate(sql, { folder: './drizzle', set: 'app' }); // MigrationSetError if 'drizzle' already journaled these files
 */
export class MigrationSetError extends MigrationError {
  constructor(message: string) {
    super('MIGRATION_SET', message);
  }
}

/**
 * Adoption or the drift check could not do what was asked: the set is already journaled (adoption is
 * for databases the runner has not migrated), or the migrations could not be built on the scratch
 * database the expected schema is read from.
 *
 * @example
 * await adoptDatabase(sql, { folder: './drizzle' }); // MigrationAdoptError when the journal already has the set
 */
export class MigrationAdoptError extends MigrationError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MIGRATION_ADOPT', message, options);
  }
}
