import { isDataLayerError, type DataLayerErrorCode } from '@org/queries';

const STATUS: Partial<Record<DataLayerErrorCode, number>> = {
  VALIDATION: 400,
  INVALID_CURSOR: 400,
  NOT_FOUND: 404,
  UNIQUE_VIOLATION: 409,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  FOREIGN_KEY_VIOLATION: 422,
  CHECK_VIOLATION: 422,
  NOT_NULL_VIOLATION: 422,
  PERMISSION_DENIED: 403,
  TIMEOUT: 503,
  CONNECTION: 503,
};

/** The HTTP status and body for an error: typed data-layer errors say what went wrong, others do not. */
export function errorResponse(error: unknown): { status: number; body: Record<string, unknown> } {
  if (isDataLayerError(error)) {
    // toJSON carries code, message and safe fields (constraint, issue paths) — never parameter values.
    return { status: STATUS[error.code] ?? 500, body: { error: error.toJSON() } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}
