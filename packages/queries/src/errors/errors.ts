// The typed error classes as one family: callers import and catch them together, and each is a few
// lines plus its JSDoc example, so the file is over 200 lines for that reason rather than one concept.
import type { z } from 'zod';
import { DataLayerError } from './DataLayerError.ts';

/**
 * The row a `get…` asked for does not exist (or is soft-deleted).
 *
 * @example
 * await repos.projects.getById(id).catch((e) => { if (e instanceof NotFoundError) return null; throw e; });
 */
export class NotFoundError extends DataLayerError {
  constructor(
    readonly table: string,
    readonly criteria: string,
  ) {
    super('NOT_FOUND', `${table}: no row matches ${criteria}`);
  }
}

/**
 * Input a column cannot hold. Raised before any SQL runs when the data layer's own checks find it
 * (then `sqlState` is undefined), or mapped from PostgreSQL's class 22 "data exception" (then
 * `sqlState` is e.g. `22P02`, and `column` is set when PostgreSQL names the column). `issues` carry
 * paths and rules, never the rejected values.
 *
 * @example
 * catch (e) { if (e instanceof ValidationError) return reply(400, e.issues); }
 */
export class ValidationError extends DataLayerError {
  readonly issues: { path: PropertyKey[]; message: string; code: string }[];
  /** The column PostgreSQL named for a class-22 error, when it named one. */
  readonly column?: string;
  constructor(message: string, issues: readonly z.core.$ZodIssue[] = [], options: { cause?: unknown; sqlState?: string; column?: string } = {}) {
    super('VALIDATION', message, options);
    this.issues = issues.map((i) => ({ path: [...i.path], message: i.message, code: i.code }));
    if (options.column !== undefined) this.column = options.column;
  }
}

/** Details PostgreSQL reports with an integrity violation (names only, never values). */
export interface ConstraintDetails {
  constraint: string | undefined;
  table: string | undefined;
  columns: string[];
}

/**
 * Base of the integrity-constraint violations (unique, foreign key, not null, check, exclusion).
 *
 * @example
 * if (e instanceof IntegrityConstraintViolationError) log.warn(e.constraint, e.table, e.columns);
 */
export abstract class IntegrityConstraintViolationError extends DataLayerError {
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly columns: string[];
  constructor(
    code: 'UNIQUE_VIOLATION' | 'FOREIGN_KEY_VIOLATION' | 'NOT_NULL_VIOLATION' | 'CHECK_VIOLATION' | 'EXCLUSION_VIOLATION',
    what: string,
    details: ConstraintDetails,
    options: { cause?: unknown; sqlState?: string },
  ) {
    const where = [details.table, details.columns.length ? `(${details.columns.join(', ')})` : ''].filter(Boolean).join(' ');
    super(code, `${what}${details.constraint ? ` ${details.constraint}` : ''}${where ? ` on ${where}` : ''}`, options);
    this.constraint = details.constraint;
    this.table = details.table;
    this.columns = details.columns;
  }
}

/**
 * A unique constraint or unique index rejected the write.
 *
 * @example
 * catch (e) { if (e instanceof UniqueViolationError && e.constraint === 'users_email_live_key') return reply(409); }
 */
export class UniqueViolationError extends IntegrityConstraintViolationError {
  constructor(details: ConstraintDetails, options: { cause?: unknown; sqlState?: string } = {}) {
    super('UNIQUE_VIOLATION', 'unique constraint violated:', details, options);
  }
}

/**
 * A referenced row does not exist, or a referenced row is still in use.
 *
 * @example
 * catch (e) { if (e instanceof ForeignKeyViolationError) return reply(422, { field: e.columns[0] }); }
 */
export class ForeignKeyViolationError extends IntegrityConstraintViolationError {
  constructor(details: ConstraintDetails, options: { cause?: unknown; sqlState?: string } = {}) {
    super('FOREIGN_KEY_VIOLATION', 'foreign key violated:', details, options);
  }
}

/**
 * A required column got null.
 *
 * @example
 * catch (e) { if (e instanceof NotNullViolationError) return reply(422, { missing: e.columns }); }
 */
export class NotNullViolationError extends IntegrityConstraintViolationError {
  constructor(details: ConstraintDetails, options: { cause?: unknown; sqlState?: string } = {}) {
    super('NOT_NULL_VIOLATION', 'not-null constraint violated:', details, options);
  }
}

/**
 * A CHECK constraint rejected the row.
 *
 * @example
 * catch (e) { if (e instanceof CheckViolationError) return reply(422, { rule: e.constraint }); }
 */
export class CheckViolationError extends IntegrityConstraintViolationError {
  constructor(details: ConstraintDetails, options: { cause?: unknown; sqlState?: string } = {}) {
    super('CHECK_VIOLATION', 'check constraint violated:', details, options);
  }
}

/**
 * An exclusion constraint (`EXCLUDE USING gist (…)`, e.g. overlapping bookings) rejected the row (23P01).
 *
 * @example
 * catch (e) { if (e instanceof ExclusionViolationError) return reply(409, { conflictsWith: e.constraint }); }
 */
export class ExclusionViolationError extends IntegrityConstraintViolationError {
  constructor(details: ConstraintDetails, options: { cause?: unknown; sqlState?: string } = {}) {
    super('EXCLUSION_VIOLATION', 'exclusion constraint violated:', details, options);
  }
}

/**
 * A serializable transaction could not be serialised (40001); retrying the whole transaction is safe.
 *
 * @example
 * await transaction(db, work, { isolationLevel: 'serializable', retry: { maxAttempts: 10 } }); // throws it only after the retries
 */
export class SerializationFailureError extends DataLayerError {
  constructor(options: { cause?: unknown; sqlState?: string } = {}) {
    super('SERIALIZATION_FAILURE', 'could not serialize access due to concurrent update; retry the transaction', options);
  }
}

/**
 * PostgreSQL broke a deadlock by failing this transaction (40P01); retrying is safe.
 *
 * @example
 * catch (e) { if (e instanceof DeadlockError) metrics.increment('db.deadlock'); }
 */
export class DeadlockError extends DataLayerError {
  constructor(options: { cause?: unknown; sqlState?: string } = {}) {
    super('DEADLOCK', 'deadlock detected; retry the transaction', options);
  }
}

/**
 * A statement or lock wait took longer than allowed (statement_timeout, lock_timeout, pool wait).
 *
 * @example
 * catch (e) { if (e instanceof TimeoutError && e.kind === 'connection') return reply(503); }
 */
export class TimeoutError extends DataLayerError {
  constructor(
    readonly kind: 'statement' | 'lock' | 'connection',
    options: { cause?: unknown; sqlState?: string } = {},
  ) {
    super('TIMEOUT', `${kind} timeout: the database did not answer in time`, options);
  }
}

/**
 * The statement was cancelled on request (57014 not caused by `statement_timeout`): the client or an
 * operator called `pg_cancel_backend`, or a shutdown cancelled it. Retrying may succeed; the
 * transaction it ran in is aborted. (A statement timeout is a {@link TimeoutError} of kind `'statement'`.)
 *
 * @example
 * catch (e) { if (e instanceof QueryCanceledError) return reply(503, 'query cancelled'); }
 */
export class QueryCanceledError extends DataLayerError {
  constructor(options: { cause?: unknown; sqlState?: string } = {}) {
    super('QUERY_CANCELED', 'the statement was cancelled on request (57014 query_canceled)', options);
  }
}

/**
 * The connection failed or was closed under the query. Nothing of an open transaction was committed.
 *
 * @example
 * catch (e) { if (e instanceof ConnectionError) return reply(503, 'database unavailable'); }
 */
export class ConnectionError extends DataLayerError {
  constructor(reason: string, options: { cause?: unknown; sqlState?: string } = {}) {
    super('CONNECTION', `database connection failed: ${reason}`, options);
  }
}

/**
 * The role lacks a privilege, or row-level security refused the row.
 *
 * @example
 * catch (e) { if (e instanceof PermissionDeniedError) return reply(403); }
 */
export class PermissionDeniedError extends DataLayerError {
  constructor(options: { cause?: unknown; sqlState?: string } = {}) {
    super('PERMISSION_DENIED', 'permission denied for this operation', options);
  }
}

/**
 * A conditional write found the row changed (e.g. a rotated token no longer matches).
 *
 * @example
 * await rotateRefreshToken(db, input).catch((e) => { if (e instanceof ConflictError) signOut(); throw e; });
 */
export class ConflictError extends DataLayerError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/**
 * A state machine refused a transition.
 *
 * @example
 * await transitionJob(db, id, 'completed').catch((e) => { if (e instanceof IllegalTransitionError) return; throw e; });
 */
export class IllegalTransitionError extends DataLayerError {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
  ) {
    super('ILLEGAL_TRANSITION', `${entity} cannot move from '${from}' to '${to}'`);
  }
}

/**
 * A pagination cursor was malformed, tampered with, or made for another sort.
 *
 * @example
 * catch (e) { if (e instanceof InvalidCursorError) return reply(400, 'stale or forged cursor'); }
 */
export class InvalidCursorError extends DataLayerError {
  constructor(reason: string) {
    super('INVALID_CURSOR', `invalid cursor: ${reason}`);
  }
}

/**
 * A query ran on the outer database (or pool) while the same async context is inside a transaction on
 * it. It would not see the transaction's writes, and on a small pool (or PGlite's single connection)
 * it waits for the transaction that waits for it: a deadlock. Use the transaction's `tx` instead.
 *
 * @example
 * await transaction(db, async (tx) => { await tx.insert(users).values(row); }); // not db.insert(...) inside
 */
export class TransactionScopeError extends DataLayerError {
  constructor() {
    super('TRANSACTION_SCOPE', "the outer database was used inside a transaction on it: use the transaction's tx");
  }
}

/**
 * The callback returned normally, but a statement inside it had failed (and the callback caught that
 * error), so PostgreSQL had already aborted the transaction and its COMMIT became a ROLLBACK (25P02).
 * Nothing was committed; without this error the caller would believe it was. Run the statement that
 * may fail in a nested `transaction(tx, …)` (a savepoint) to recover from it inside.
 *
 * @example
 * await transaction(tx, (sp) => sp.insert(users).values(row)).catch(() => undefined); // recoverable inside
 */
export class TransactionAbortedError extends DataLayerError {
  constructor() {
    super('TRANSACTION_ABORTED', 'a statement inside the transaction failed and its error was caught; the transaction was rolled back, nothing was committed', {
      sqlState: '25P02',
    });
  }
}

/**
 * A database bound with `bindDatabase` (a test's transaction standing in for the app's client) was
 * used from that binding's async context after the binding ended: work the test started and did not
 * await, still running after the test. It is refused instead of reaching the app's real client or the
 * next test's transaction.
 *
 * @example
 * catch (e) { if (e instanceof DatabaseBindingEndedError) console.error('await everything a test starts'); }
 */
export class DatabaseBindingEndedError extends DataLayerError {
  constructor() {
    super('BINDING_ENDED', 'the database was used after the binding (test) it ran under had ended: await the work a test starts inside the test');
  }
}

/**
 * The client's configuration cannot work (an empty or missing URL where a server is asked for, two
 * engines at once): raised when the client is created, before anything connects.
 *
 * @example
 * try { createDatabase({ url: process.env.DATABASE_URL }); } catch (e) { if (e instanceof ConfigurationError) process.exit(78); throw e; }
 */
export class ConfigurationError extends DataLayerError {
  constructor(message: string) {
    super('CONFIGURATION', message);
  }
}

/**
 * A read without a limit matched more rows than the repository's `maxRows`: the data layer never
 * drops rows silently. Pass a `limit`, or page with `paginate`/`page`.
 *
 * @example
 * catch (e) { if (e instanceof TooManyRowsError) return repo.paginate({ limit: 100 }); }
 */
export class TooManyRowsError extends DataLayerError {
  constructor(
    readonly table: string,
    readonly maxRows: number,
  ) {
    super('TOO_MANY_ROWS', `${table}: more than ${maxRows} rows match; pass a limit or page through them`);
  }
}

/**
 * Any other database error, with its SQLSTATE.
 *
 * @example
 * catch (e) { if (e instanceof DatabaseError) log.error(e.sqlState, e.message); }
 */
export class DatabaseError extends DataLayerError {
  constructor(message: string, options: { cause?: unknown; sqlState?: string } = {}) {
    super('DATABASE', message, options);
  }
}
