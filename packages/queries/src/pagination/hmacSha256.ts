import { createHash, type Hash } from 'node:crypto';

const BLOCK = 64;

/** The two hash states of one key, after absorbing it (RFC 2104's `K ^ ipad` and `K ^ opad` blocks). */
interface KeyedStates {
  inner: Hash;
  outer: Hash;
}

const KEYED = new Map<string, KeyedStates>();

function keyed(secret: string): KeyedStates {
  let states = KEYED.get(secret);
  if (states) return states;
  let key = Buffer.from(secret, 'utf8');
  if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
  const padded = Buffer.alloc(BLOCK);
  key.copy(padded);
  const inner = createHash('sha256').update(padded.map((b) => b ^ 0x36));
  const outer = createHash('sha256').update(padded.map((b) => b ^ 0x5c));
  states = { inner, outer };
  // Few distinct secrets exist (the process's, a configured one per repository); bounded all the same.
  if (KEYED.size >= 64) KEYED.clear();
  KEYED.set(secret, states);
  return states;
}

/**
 * HMAC-SHA256 of `payload` under `secret`, exactly as `createHmac('sha256', secret)` computes it, with
 * the key's hash states prepared once and copied per message: `createHmac` sets the key up again on
 * every call, which was a measurable part of signing and checking a page's cursors.
 *
 * @example
 * hmacSha256('k', 'payload').equals(createHmac('sha256', 'k').update('payload').digest()); // true
 */
export function hmacSha256(secret: string, payload: string): Buffer {
  const { inner, outer } = keyed(secret);
  const innerDigest = inner.copy().update(payload, 'utf8').digest();
  return outer.copy().update(innerDigest).digest();
}
