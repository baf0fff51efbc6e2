import { randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../errors/errors.ts';
import { hmacSha256 } from './hmacSha256.ts';

/** Per-process key when none is configured: cursors then work within one process only. */
const PROCESS_SECRET = randomBytes(32).toString('hex');

/** Longest cursor accepted: a cursor is a few sort values, anything longer is not one of ours. */
const MAX_CURSOR_LENGTH = 4096;

/** The key cursors are signed with: the given one, `ORG_CURSOR_SECRET`, or a per-process random key. */
export function cursorSecret(configured?: string): string {
  return configured ?? process.env.ORG_CURSOR_SECRET ?? PROCESS_SECRET;
}

function sign(payload: string, secret: string): string {
  return hmacSha256(secret, payload).toString('base64url').slice(0, 22);
}

/**
 * An opaque cursor for the sort values at a page edge: base64url JSON plus an HMAC, so a client can
 * neither read the sort values as an API nor forge or edit them.
 *
 * The values are PostgreSQL's own text for each key (`column::text`), never JS values: a JS `Date`
 * holds milliseconds while timestamptz holds microseconds, and a cursor rounded to milliseconds skips
 * or repeats every row sharing the edge's millisecond. `scope` names the table and sort the cursor
 * was minted for; a cursor is refused anywhere else.
 */
export function encodeCursor(scope: string, values: readonly (string | null)[], secret: string): string {
  const payload = Buffer.from(JSON.stringify({ s: scope, v: values })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Verifies and decodes a cursor made for the same table and sort; anything else is an {@link InvalidCursorError}. */
export function decodeCursor(cursor: unknown, scope: string, keys: number, secret: string): (string | null)[] {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw new InvalidCursorError('not a cursor');
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined) throw new InvalidCursorError('malformed');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new InvalidCursorError('signature mismatch (tampered, or signed with another key)');
  }
  let decoded: { s?: unknown; v?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    throw new InvalidCursorError('malformed');
  }
  if (decoded.s !== scope) throw new InvalidCursorError('made for a different table or sort order');
  const values = decoded.v;
  if (!Array.isArray(values) || values.length !== keys || !values.every((v) => v === null || typeof v === 'string')) {
    throw new InvalidCursorError('malformed');
  }
  return values as (string | null)[];
}
