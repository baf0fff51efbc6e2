/** The error objects statements we ran were rejected with: identity, not shape, marks a driver error. */
const STATEMENT_ERRORS = new WeakSet<object>();

/**
 * Records that a statement of ours failed with this very object (postgres.js's connection errors are
 * plain `Error`s with a `code`, which an application error can carry just as well).
 */
export function recordStatementError(error: unknown): void {
  if (typeof error === 'object' && error !== null) STATEMENT_ERRORS.add(error);
}

/** Whether this object is one a statement of ours failed with. */
export function isStatementError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && STATEMENT_ERRORS.has(error);
}
