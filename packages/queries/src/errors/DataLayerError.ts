const BRAND = Symbol.for('@org/queries/DataLayerError');

/** The `code` of every data-layer error: a union, so `switch (error.code)` is exhaustive. */
export type DataLayerErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'UNIQUE_VIOLATION'
  | 'FOREIGN_KEY_VIOLATION'
  | 'NOT_NULL_VIOLATION'
  | 'CHECK_VIOLATION'
  | 'EXCLUSION_VIOLATION'
  | 'SERIALIZATION_FAILURE'
  | 'DEADLOCK'
  | 'TIMEOUT'
  | 'QUERY_CANCELED'
  | 'CONNECTION'
  | 'PERMISSION_DENIED'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'INVALID_CURSOR'
  | 'TOO_MANY_ROWS'
  | 'TRANSACTION_SCOPE'
  | 'TRANSACTION_ABORTED'
  | 'BINDING_ENDED'
  | 'CONFIGURATION'
  | 'DATABASE';

/**
 * The errors data-layer errors were made from (drizzle's, the driver's), kept out of the error object
 * itself: they carry bound parameters and row data (`Failing row contains (…)`), and everything an
 * object holds is printed by some route (`util.inspect` prints even a non-enumerable own `cause`).
 */
const ORIGINALS = new WeakMap<object, unknown>();

/**
 * Base class of every error @org/queries throws. What it shows by any route — `message`, `stack`,
 * `toJSON()`/`JSON.stringify`, `util.inspect` (even with `showHidden`), `String(error)` — names the
 * SQLSTATE, condition, constraint, table and columns, never a value; so errors are safe to log and
 * serialise. It has no `cause`: the driver's error behind it (which can hold every bound parameter)
 * is reachable only on purpose, through {@link DataLayerError.originalError}.
 *
 * @example
 * catch (e) { if (e instanceof DataLayerError) log.warn(e.toJSON()); else throw e; }
 */
export class DataLayerError extends Error {
  readonly code: DataLayerErrorCode;
  /** SQLSTATE of the database error behind it, when there is one. */
  readonly sqlState: string | undefined;
  readonly [BRAND] = true;

  constructor(code: DataLayerErrorCode, message: string, options: { cause?: unknown; sqlState?: string } = {}) {
    // No `cause` option: Error would store it as an own property, which inspect and loggers print.
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.sqlState = options.sqlState;
    if (options.cause !== undefined) ORIGINALS.set(this, options.cause);
  }

  /**
   * The error this one was made from (drizzle's `DrizzleQueryError`, the driver's error), or
   * undefined. For debugging on purpose only: it can contain bound parameter values, PostgreSQL's
   * `detail` with the failing row, and the SQL text. Never log or return it by default.
   *
   * @example
   * if (process.env.DEBUG_SQL) console.debug(error.originalError());
   */
  originalError(): unknown {
    return ORIGINALS.get(this);
  }

  /** A plain object for logs and HTTP responses: name, code, message and the safe fields. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [k, v] of Object.entries(this)) out[k] = v;
    return out;
  }
}

/**
 * Whether a value is a data-layer error (of a given class). Uses a global brand rather than
 * `instanceof` alone, so two installed copies of the package still agree.
 *
 * @example
 * if (isDataLayerError(error, UniqueViolationError)) return reply(409, error.constraint);
 */
export function isDataLayerError<T extends DataLayerError = DataLayerError>(value: unknown, kind?: abstract new (...args: never[]) => T): value is T {
  if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
  return kind === undefined || value instanceof kind || (value as unknown as Error).name === kind.name;
}
