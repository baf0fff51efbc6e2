import { DrizzleQueryError } from 'drizzle-orm';
import { isDataLayerError } from './DataLayerError.ts';
import { isStatementError } from './statementErrors.ts';
import { toDataLayerError } from './toDataLayerError.ts';

/**
 * Whether an error came from the database or its driver, as opposed to application code — decided by
 * what the error is (drizzle's `DrizzleQueryError`, postgres.js's `PostgresError`, PGlite's
 * `DatabaseError`, our own errors, and the very error objects our transactions' statements failed with), never by a `code` an application error may carry
 * too: an HTTP client's `ETIMEDOUT` thrown inside a transaction is the application's, and stays so.
 *
 * @example
 * if (isDatabaseError(error)) metrics.increment('db.errors');
 */
export function isDatabaseError(error: unknown): boolean {
  if (isDataLayerError(error) || error instanceof DrizzleQueryError || isStatementError(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, severity } = error as { name?: unknown; code?: unknown; severity?: unknown };
  if (name === 'PostgresError') return true;
  // PGlite's (pg-protocol's) DatabaseError, thrown raw by PGlite's own COMMIT: a server error message's fields.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string' && 'routine' in error;
}

/**
 * Maps database errors to typed data-layer errors and lets application errors through unchanged,
 * so a `throw new Error('not yours')` inside a transaction reaches the caller as thrown.
 *
 * @example
 * try { await db.execute(sql`select 1/0`); } catch (e) { throw mapDatabaseError(e); }
 */
export function mapDatabaseError(error: unknown): unknown {
  return isDatabaseError(error) ? toDataLayerError(error) : error;
}
