import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationError } from '../errors/errors.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { transaction, type TransactionOptions } from '../transactions/transaction.ts';

const uuid = z.uuid();

/**
 * Runs `fn` in a transaction scoped to one user: `org.user_id` is set with
 * `set_config(…, true)`, which PostgreSQL resets at the transaction's end, so a pooled connection never
 * carries one user's scope into another request. With the row-level-security policies of
 * @org/migrations and a non-owner role, every query inside — raw SQL included — sees and writes only
 * that user's rows.
 *
 * @example
 * const mine = await withUserScope(db, session.userId, (tx) => tx.select().from(projects));
 */
export function withUserScope<TDb extends AnyDb, T>(
  db: TDb,
  userId: string,
  fn: (tx: TDb) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (!uuid.safeParse(userId).success) return Promise.reject(new ValidationError('user id must be a uuid'));
  return transaction(
    db,
    async (tx) => {
      await tx.execute(sql`select set_config('org.user_id', ${userId}, true)`);
      return fn(tx);
    },
    options,
  );
}
