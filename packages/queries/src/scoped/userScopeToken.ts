import { createHmac } from 'node:crypto';

/**
 * The value withUserScope puts in `org.user_scope`: `<user uuid>:<HMAC-SHA256 hex>` over
 * `<user>:<binding>`, where the binding (from `org_user_scope_binding()`) names this backend and this
 * transaction. `org_current_user_id()` recomputes it with the key the app role cannot read, so raw SQL
 * can neither mint a token for another user nor reuse one from another transaction.
 */
export function userScopeToken(key: Buffer, userId: string, binding: string): string {
  const mac = createHmac('sha256', key).update(`${userId}:${binding}`).digest('hex');
  return `${userId}:${mac}`;
}
