const BRAND = Symbol.for('@org/queries/DataLayerError');

/** The `code` of every data-layer error: a union, so `switch (error.code)` is exhaustive. */
export type DataLayerErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'UNIQUE_VIOLATION'
  | 'FOREIGN_KEY_VIOLATION'
  | 'NOT_NULL_VIOLATION'
  | 'CHECK_VIOLATION'
  | 'SERIALIZATION_FAILURE'
  | 'DEADLOCK'
  | 'TIMEOUT'
  | 'CONNECTION'
  | 'PERMISSION_DENIED'
  | 'CONFLICT'
  | 'ILLEGAL_TRANSITION'
  | 'INVALID_CURSOR'
  | 'TOO_MANY_ROWS'
  | 'TRANSACTION_SCOPE'
  | 'TRANSACTION_ABORTED'
  | 'DATABASE';

/**
 * Base class of every error @org/queries throws. Messages name tables, columns and constraints but
 * never a bound parameter's value, so errors are safe to log and serialise.
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
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.sqlState = options.sqlState;
    // The driver error may carry the query's parameters; keep it reachable but out of JSON and inspect output.
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { enumerable: false, value: options.cause });
  }

  /** A plain object for logs and HTTP responses: code, message and the safe fields. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [k, v] of Object.entries(this)) if (k !== 'cause') out[k] = v;
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
export function isDataLayerError<T extends DataLayerError = DataLayerError>(
  value: unknown,
  kind?: abstract new (...args: never[]) => T,
): value is T {
  if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
  return kind === undefined || value instanceof kind || (value as unknown as Error).name === kind.name;
}
