import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hmacSha256 } from '../src/pagination/hmacSha256.ts';

// Cursor signatures: our HMAC with prepared key states must be byte for byte Node's createHmac, for any
// secret (empty, Unicode, longer than the 64-byte block, which RFC 2104 hashes first) and any payload,
// and one secret's states must never leak into another's result.
describe('hmacSha256', () => {
  test('equals createHmac for any secret and payload, in any order of use', () => {
    const secret = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', 'k'.repeat(64), 'k'.repeat(65)));
    fc.assert(
      fc.property(fc.array(fc.tuple(secret, fc.string({ unit: 'binary', maxLength: 500 })), { minLength: 1, maxLength: 8 }), (pairs) => {
        for (const [key, payload] of pairs) {
          expect(hmacSha256(key, payload).toString('hex')).toBe(createHmac('sha256', key).update(payload).digest('hex'));
        }
      }),
      { numRuns: 300 },
    );
  });
});
