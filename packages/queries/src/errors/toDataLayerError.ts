import { DataLayerError } from './DataLayerError.ts';
import {
  CheckViolationError,
  ConnectionError,
  DatabaseError,
  DeadlockError,
  ForeignKeyViolationError,
  NotNullViolationError,
  PermissionDeniedError,
  SerializationFailureError,
  TimeoutError,
  UniqueViolationError,
  type ConstraintDetails,
} from './errors.ts';
import { SQL_STATE } from './sqlState.ts';

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

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/**
 * Maps any error from drizzle, postgres.js or PGlite to the data layer's typed errors, the same class
 * on both drivers. Keeps the original as `cause` (non-enumerable) and drops PostgreSQL's `detail` and
 * drizzle's message, which may contain bound parameter values.
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
  const options = { cause: error, sqlState: e.code };
  switch (e.code) {
    case SQL_STATE.uniqueViolation:
      return new UniqueViolationError(details(e), options);
    case SQL_STATE.foreignKeyViolation:
      return new ForeignKeyViolationError(details(e), options);
    case SQL_STATE.notNullViolation:
      return new NotNullViolationError(details(e), options);
    case SQL_STATE.checkViolation:
      return new CheckViolationError(details(e), options);
    case SQL_STATE.serializationFailure:
      return new SerializationFailureError(options);
    case SQL_STATE.deadlockDetected:
      return new DeadlockError(options);
    case SQL_STATE.queryCanceled:
      return new TimeoutError('statement', options);
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
      return new ConnectionError(`server closed the session (${e.code})`, options);
  }
  const errno = e.code ?? e.errno;
  if (errno && CONNECTION_ERRNOS.has(errno)) {
    return errno === 'CONNECT_TIMEOUT'
      ? new TimeoutError('connection', { cause: error })
      : new ConnectionError(errno, { cause: error });
  }
  if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) {
    // PostgreSQL's primary message describes the failure, not the parameters (those go to `detail`).
    return new DatabaseError(`database error ${e.code}: ${e.message ?? 'unknown'}`, options);
  }
  return new DatabaseError(`database operation failed: ${e.name ?? 'Error'}`, { cause: error });
}
