import { is, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { rowsOf } from '../driver/resultRows.ts';
import { transaction, type TransactionOptions } from '../transactions/transaction.ts';
import { userScopeToken } from './userScopeToken.ts';

/** Options of {@link withUserScope}: the signing key, and the transaction's options. */
export interface UserScopeOptions extends TransactionOptions {
  /** The scope-signing key, hex, as {@link readUserScopeKey} returns it (keep it out of the database's reach). */
  key: string;
}

const uuid = z.uuid();
const hexKey = /^(?:[0-9a-f]{2}){32,}$/i;

/**
 * Runs `fn` in a transaction scoped to one user. With the row-level-security policies of
 * @org/migrations and a role that does not own the tables, every query inside — raw SQL included —
 * sees and writes only that user's rows; `org_current_user_id()` reads the user in SQL.
 *
 * The scope is a token signed with `key` and bound to this transaction, stored with
 * `set_config(…, true)`: PostgreSQL drops it at the transaction's end, and a copy is worthless in any
 * other transaction, so a pooled connection never carries a scope over. Raw SQL inside cannot re-point
 * it (it has no key); setting it to anything else denies every row. Nested in another scope, the inner
 * user applies inside `fn` only and the outer scope is back when it returns or throws.
 *
 * @example
 * const mine = await withUserScope(db, session.userId, (tx) => tx.select().from(projects), { key: env.ORG_USER_SCOPE_KEY });
 */
export function withUserScope<TDb extends AnyDb, T>(db: TDb, userId: string, fn: (tx: TDb) => Promise<T>, options: UserScopeOptions): Promise<T> {
  if (!uuid.safeParse(userId).success) return Promise.reject(new ValidationError('user id must be a uuid'));
  const { key: hex, ...transactionOptions } = options ?? ({} as Partial<UserScopeOptions>);
  if (typeof hex !== 'string' || !hexKey.test(hex)) {
    return Promise.reject(new ValidationError('user scope key must be the hex key readUserScopeKey returns'));
  }
  const key = Buffer.from(hex, 'hex');
  const user = userId.toLowerCase();
  const nested = is(db, PgTransaction);
  return transaction(
    db,
    async (tx) => {
      const [state] = rowsOf<{ binding: string; previous: string | null }>(
        await tx.execute(sql`select org_user_scope_binding() as binding, current_setting('org.user_scope', true) as previous`),
      );
      await tx.execute(sql`select set_config('org.user_scope', ${userScopeToken(key, user, state!.binding)}, true)`);
      const result = await fn(tx);
      // A released savepoint keeps its settings: put the outer scope (or none) back. A throw needs
      // nothing, the savepoint's rollback restores it.
      if (nested) await tx.execute(sql`select set_config('org.user_scope', ${state!.previous ?? ''}, true)`);
      return result;
    },
    transactionOptions,
  );
}
