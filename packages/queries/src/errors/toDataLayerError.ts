import { DataLayerError } from './DataLayerError.ts';
import {
  CheckViolationError,
  ConnectionError,
  DatabaseError,
  DeadlockError,
  ExclusionViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  PermissionDeniedError,
  QueryCanceledError,
  SerializationFailureError,
  TimeoutError,
  UniqueViolationError,
  ValidationError,
  type ConstraintDetails,
} from './errors.ts';
import { SQL_STATE } from './sqlState.ts';
import { sqlStateName } from './sqlStateNames.ts';

interface DriverError {
  code?: string;
  message?: string;
  constraint?: string;
  constraint_name?: string;
  table?: string;
  table_name?: string;
  column?: string;
  column_name?: string;
  detail?: string;
  errno?: string;
}

/** Finds the driver error under drizzle's `DrizzleQueryError` (and any other wrapper with a cause). */
function unwrap(error: unknown): DriverError & Error {
  let current = error as { cause?: unknown } | undefined;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as DriverError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return current as DriverError & Error;
    if (!current.cause) break;
    current = current.cause as { cause?: unknown };
  }
  return (current ?? error) as DriverError & Error;
}

/** Column names from a PostgreSQL `detail` such as `Key (category, key)=(…) already exists.` — names only. */
function columnsFromDetail(detail: string | undefined): string[] {
  const match = detail?.match(/^Key \(([^)]*)\)/);
  return match?.[1] ? match[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
}

function details(e: DriverError): ConstraintDetails {
  const column = e.column ?? e.column_name;
  const fromDetail = columnsFromDetail(e.detail);
  return {
    constraint: e.constraint ?? e.constraint_name,
    table: e.table ?? e.table_name,
    columns: fromDetail.length ? fromDetail : column ? [column] : [],
  };
}

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** `code name` for messages, e.g. `42P01 undefined_table`: what PostgreSQL's own text would say, without its quotes of the input. */
function condition(code: string): string {
  const name = sqlStateName(code);
  return name ? `${code} ${name}` : code;
}

/** PostgreSQL identifiers only: a name field never carries anything but an identifier, but make sure. */
function identifier(name: string | undefined): string | undefined {
  return name !== undefined && /^[\p{L}_][\p{L}\p{N}_$ ]{0,62}$/u.test(name) ? name : undefined;
}

/**
 * A class-22 "data exception" (malformed uuid, value too long, out of range, NUL byte, …) is bad
 * input, whichever check found it: a {@link ValidationError} with the SQLSTATE, and the column when
 * PostgreSQL names it. PostgreSQL's message quotes the input, so it is never copied.
 */
function dataException(e: DriverError, options: { cause: unknown; sqlState: string }): ValidationError {
  const column = identifier(e.column ?? e.column_name);
  const table = identifier(e.table ?? e.table_name);
  const where = column ? ` in ${table ? `${table}.` : ''}${column}` : '';
  const issues = [{ path: column ? [column] : [], message: condition(options.sqlState), code: options.sqlState }];
  return new ValidationError(`the database rejected a value${where} (${condition(options.sqlState)})`, issues as never, {
    ...options,
    ...(column ? { column } : {}),
  });
}

/**
 * Maps any error from drizzle, postgres.js or PGlite to the data layer's typed errors, the same class
 * on both drivers. Messages are built from the SQLSTATE, its condition name and the constraint, table
 * and column names only; PostgreSQL's message and `detail` and drizzle's message (which lists every
 * bound parameter) are never copied. The original is kept for {@link DataLayerError.originalError}
 * only, never as `cause`.
 *
 * Mapping: 23xxx to the integrity violations (23P01 to {@link ExclusionViolationError}), every other
 * class-22 code to {@link ValidationError}, 57014 to `TimeoutError('statement')` when a
 * `statement_timeout` fired and to {@link QueryCanceledError} when someone cancelled it, and any code
 * without a class of its own to {@link DatabaseError} `database error 42P01 undefined_table`.
 *
 * @example
 * try { await db.insert(users).values(row); } catch (e) { throw toDataLayerError(e); }
 */
export function toDataLayerError(error: unknown): DataLayerError {
  // Our own errors raised under a driver call (e.g. a pool timeout) arrive wrapped by drizzle.
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DataLayerError) return e;
  }
  const e = unwrap(error);
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const options = { cause: error, ...(sqlState ? { sqlState } : {}) };
  switch (sqlState) {
    case SQL_STATE.uniqueViolation:
      return new UniqueViolationError(details(e), options);
    case SQL_STATE.foreignKeyViolation:
      return new ForeignKeyViolationError(details(e), options);
    case SQL_STATE.notNullViolation:
      return new NotNullViolationError(details(e), options);
    case SQL_STATE.checkViolation:
      return new CheckViolationError(details(e), options);
    case SQL_STATE.exclusionViolation:
      return new ExclusionViolationError(details(e), options);
    case SQL_STATE.serializationFailure:
      return new SerializationFailureError(options);
    case SQL_STATE.deadlockDetected:
      return new DeadlockError(options);
    case SQL_STATE.queryCanceled:
      // PostgreSQL tells the causes apart only in its (fixed, value-free) message text.
      return /statement timeout/.test(e.message ?? '') ? new TimeoutError('statement', options) : new QueryCanceledError(options);
    case SQL_STATE.lockNotAvailable:
      return new TimeoutError('lock', options);
    case SQL_STATE.insufficientPrivilege:
      return new PermissionDeniedError(options);
    case SQL_STATE.adminShutdown:
    case SQL_STATE.crashShutdown:
    case SQL_STATE.cannotConnectNow:
    case SQL_STATE.connectionException:
    case SQL_STATE.connectionDoesNotExist:
    case SQL_STATE.connectionFailure:
      return new ConnectionError(`server closed the session (${condition(sqlState)})`, options);
  }
  if (sqlState?.startsWith('22')) return dataException(e, { cause: error, sqlState });
  const errno = e.code ?? e.errno;
  if (errno && CONNECTION_ERRNOS.has(errno)) {
    return errno === 'CONNECT_TIMEOUT' ? new TimeoutError('connection', { cause: error }) : new ConnectionError(errno, { cause: error });
  }
  if (sqlState) return new DatabaseError(`database error ${condition(sqlState)}`, options);
  const name = typeof e.name === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(e.name) ? e.name : 'Error';
  return new DatabaseError(`database operation failed: ${name}`, { cause: error });
}
