import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../errors/errors.ts';

/** Per-process key when none is configured: cursors then work within one process only. */
const PROCESS_SECRET = randomBytes(32).toString('hex');

/** The key cursors are signed with: the given one, `ORG_CURSOR_SECRET`, or a per-process random key. */
export function cursorSecret(configured?: string): string {
  return configured ?? process.env.ORG_CURSOR_SECRET ?? PROCESS_SECRET;
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);
}

/**
 * An opaque cursor for the row values at a page edge: base64url JSON plus an HMAC, so a client can
 * neither read the sort values as an API nor forge or edit them.
 */
export function encodeCursor(signature: string, values: readonly unknown[], secret: string): string {
  const encoded = values.map((v) => (v instanceof Date ? { $d: v.toISOString() } : v));
  const payload = Buffer.from(JSON.stringify({ s: signature, v: encoded })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Verifies and decodes a cursor made for the same sort; anything else is an {@link InvalidCursorError}. */
export function decodeCursor(cursor: unknown, signature: string, secret: string): unknown[] {
  if (typeof cursor !== 'string' || cursor.length > 4096) throw new InvalidCursorError('not a cursor');
  const [payload, mac] = cursor.split('.');
  if (!payload || !mac) throw new InvalidCursorError('malformed');
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new InvalidCursorError('signature mismatch (tampered, or signed with another key)');
  }
  let decoded: { s?: unknown; v?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('malformed');
  }
  if (decoded.s !== signature || !Array.isArray(decoded.v)) {
    throw new InvalidCursorError('made for a different sort order');
  }
  return decoded.v.map((v) => (v && typeof v === 'object' && '$d' in v ? new Date(String((v as { $d: unknown }).$d)) : v));
}
