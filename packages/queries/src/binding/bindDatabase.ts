import { AsyncLocalStorage } from 'node:async_hooks';
import { DatabaseBindingEndedError, TransactionScopeError, ValidationError } from '../errors/errors.ts';
import { isInsideTransaction } from '../transactions/transactionContext.ts';

/**
 * The key a test harness (@org/testing's `useTestDatabase`) finds on a client that can be bound, so it
 * needs no import of this package: `db[BIND_DATABASE](replacement, run)`.
 */
export const BIND_DATABASE = Symbol.for('@org/database.bind');

/** One binding: while `ended` is false, the bound client resolves to `target`. */
interface Binding {
  readonly target: object;
  ended: boolean;
}

/**
 * The bindings of the current async context, by binding key. A context (a test and everything it
 * starts) carries its own map: a test's binding can never be seen from another test's context.
 */
const bindings = new AsyncLocalStorage<ReadonlyMap<object, Binding>>();

/**
 * Set the first time anything is bound in this process. Production never binds, so resolving a client
 * costs one test of this flag there, and not even an AsyncLocalStorage lookup.
 */
let everBound = false;

/** A client made by createDatabase → its binding key (its `db`; the `primary` of a replicated client shares it). */
const bindingKeys = new WeakMap<object, object>();

/**
 * Marks `db` as a client that follows bindings made with `key` (see `followBindings`).
 *
 * @example
 * registerBindable(primary, db); // binding `db` binds the primary too
 */
export function registerBindable(db: object, key: object): void {
  bindingKeys.set(db, key);
}

/**
 * The binding key of a client made by createDatabase; undefined for any other db or transaction.
 *
 * @example
 * if (bindingKeyOf(db) === undefined) return repository; // nothing can bind it: no indirection
 */
export function bindingKeyOf(db: object): object | undefined {
  return bindingKeys.get(db);
}

/**
 * What `db` stands for in the current async context: the bound replacement, or undefined when none.
 * A binding that ended is a {@link DatabaseBindingEndedError}; the client used inside its own
 * transaction's callback is a {@link TransactionScopeError}, as without a binding.
 *
 * @example
 * const target = boundTarget(key);
 * return target === undefined ? own.apply(db, args) : target.select(...args);
 */
export function boundTarget(key: object): object | undefined {
  if (!everBound) return undefined;
  const binding = bindings.getStore()?.get(key);
  if (binding === undefined) return undefined;
  if (binding.ended) throw new DatabaseBindingEndedError();
  // The app's client used inside its own `db.transaction` callback: refused as the real client refuses
  // it (a deadlock on PGlite, a second connection on PostgreSQL), so tests do not pass what production fails.
  if (isInsideTransaction(key)) throw new TransactionScopeError();
  return binding.target;
}

/**
 * The database `db` stands for right now: the transaction bound to it with {@link bindDatabase} while
 * one is (a test's), else `db` itself. Key your own per-connection caches (prepared statements) by this,
 * not by `db`: a statement prepared on a test's transaction must not be served to the app's client.
 *
 * @example
 * const key = resolveDatabase(db);
 * let statement = cache.get(key);
 * if (!statement) cache.set(key, (statement = key.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare('user_by_id')));
 */
export function resolveDatabase<TDb extends object>(db: TDb): TDb {
  const key = bindingKeys.get(db);
  return key === undefined ? db : ((boundTarget(key) as TDb | undefined) ?? db);
}

/**
 * Runs `fn` with the client `db` (from createDatabase, imported by application code from its module)
 * standing for `replacement` — typically a test's transaction — in `fn`'s async context only: queries,
 * relational reads, `db.transaction` (a savepoint in the replacement), `execute` and repositories over
 * `db` all run on `replacement`. Other async contexts (another test, concurrent requests) are not
 * affected. When `fn` settles the binding ends: work `fn` started and left running that uses `db`
 * afterwards gets a {@link DatabaseBindingEndedError}, never the real client. Bindings nest.
 *
 * @example
 * // app: export const { db } = createDatabase({ schema, url: process.env.DATABASE_URL });
 * await holdTransaction(testDb, (tx) => bindDatabase(db, tx, async () => {
 *   await createProject({ name: 'p', userId }); // the app's function, on the test's transaction
 * }));
 */
export async function bindDatabase<T>(db: object, replacement: object, fn: () => T | Promise<T>): Promise<T> {
  const key = typeof db === 'object' && db !== null ? bindingKeys.get(db) : undefined;
  if (key === undefined) throw new ValidationError('bindDatabase: db must be a client made by createDatabase (its db or primary)');
  if (typeof replacement !== 'object' || replacement === null || typeof (replacement as { select?: unknown }).select !== 'function') {
    throw new ValidationError('bindDatabase: the replacement must be a drizzle database or transaction');
  }
  if (bindingKeys.has(replacement)) throw new ValidationError('bindDatabase: the replacement must not itself be a bindable client');
  if (typeof fn !== 'function') throw new ValidationError('bindDatabase: fn must be a function');
  everBound = true;
  const binding: Binding = { target: replacement, ended: false };
  const scope = new Map(bindings.getStore());
  scope.set(key, binding);
  try {
    return await bindings.run(scope, fn);
  } finally {
    binding.ended = true;
  }
}
