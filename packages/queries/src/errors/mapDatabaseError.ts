import { DrizzleQueryError } from 'drizzle-orm';
import { DataLayerError } from './DataLayerError.ts';
import { toDataLayerError } from './toDataLayerError.ts';

/**
 * Whether an error came from the database or its driver (as opposed to application code).
 *
 * @example
 * if (isDatabaseError(error)) metrics.increment('db.errors');
 */
export function isDatabaseError(error: unknown): boolean {
  if (error instanceof DataLayerError) return true;
  for (let e = error as { code?: unknown; cause?: unknown; name?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e instanceof DataLayerError || e instanceof DrizzleQueryError) return true;
    if (typeof e.code === 'string' && (/^[0-9A-Z]{5}$/.test(e.code) || /^(E[A-Z]+|CONNECT(ION)?_[A-Z_]+)$/.test(e.code))) {
      return true;
    }
    e = e.cause as typeof e;
  }
  return false;
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
