// The one place that knows postgres.js from PGlite under a drizzle db or transaction. Everything else
// asks this module (driverOf, statementName, rows of a result, COPY); no other file reads a session's
// fields. Detection goes by drizzle's entity kinds along the prototype chain — what drizzle's `is()`
// does — by name rather than with the session classes, so that importing @org/queries does not load
// drizzle's PGlite driver (and PGlite's WASM) for an app that only talks to a server.
import { entityKind } from 'drizzle-orm';
import type { AnyDb } from '../internal/OrgDb.ts';

/** The engine under a db and what the data layer may do with its client. */
export type Driver =
  | { kind: 'postgres'; client: PostgresJsLike; prepares: boolean; logger: QueryLogger | undefined }
  | { kind: 'pglite'; client: PgliteLike; prepares: true; logger: QueryLogger | undefined };

/** What the data layer calls on a postgres.js client (ours from `createDatabase`, or a plain one). */
export interface PostgresJsLike {
  unsafe(
    query: string,
    params?: unknown[],
    options?: { prepare?: boolean; simple?: boolean },
  ): PromiseLike<unknown> & {
    values(): PromiseLike<unknown[][]>;
    writable(): Promise<NodeJS.WritableStream>;
  };
  options?: { prepare?: boolean };
}

/** What the data layer calls on a PGlite instance or the transaction PGlite hands to drizzle. */
export interface PgliteLike {
  query<T>(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object'; blob?: Blob }): Promise<{ rows: T[] }>;
}

/** drizzle's logger interface (only `logQuery`). */
export interface QueryLogger {
  logQuery(query: string, params: unknown[]): void;
}

interface SessionFields {
  client?: unknown;
  logger?: QueryLogger;
}

const DRIVERS = new WeakMap<object, Driver | null>();

/** Entity kinds per session class: every transaction is a new session object of one of a few classes. */
const KINDS = new WeakMap<object, string[]>();

function kindChain(value: object): string[] {
  const start = Object.getPrototypeOf(value)?.constructor as object | undefined;
  if (!start) return [];
  let kinds = KINDS.get(start);
  if (kinds) return kinds;
  kinds = [];
  for (let cls: object | null = start; cls; cls = Object.getPrototypeOf(cls)) {
    const kind = (cls as { [entityKind]?: unknown })[entityKind];
    if (typeof kind === 'string') kinds.push(kind);
  }
  KINDS.set(start, kinds);
  return kinds;
}

function detect(db: AnyDb): Driver | null {
  // `db._.session` is drizzle's public handle on a db's (or transaction's) session; a replica-routing db
  // (withReplicas) carries its primary's. The client is the session's own field, read only here.
  const session = (db as unknown as { _?: { session?: object } })._?.session;
  if (!session) return null;
  const { client, logger } = session as SessionFields;
  if (!client) return null;
  const kinds = kindChain(session);
  if (kinds.includes('PgliteSession')) return { kind: 'pglite', client: client as PgliteLike, prepares: true, logger };
  if (kinds.includes('PostgresJsSession')) {
    const prepares = (client as PostgresJsLike).options?.prepare !== false;
    return { kind: 'postgres', client: client as PostgresJsLike, prepares, logger };
  }
  return null;
}

/**
 * The driver under a drizzle db or transaction (cached per object), or undefined for one the data
 * layer does not know (another drizzle driver): callers then keep drizzle's own path.
 *
 * @example
 * const driver = driverOf(tx);
 * if (driver?.kind === 'pglite') await driver.client.query('select 1');
 */
export function driverOf(db: AnyDb): Driver | undefined {
  let driver = DRIVERS.get(db);
  if (driver === undefined) DRIVERS.set(db, (driver = detect(db)));
  return driver ?? undefined;
}

/**
 * The name for drizzle's `.prepare(name)`, or undefined when the client runs with `prepare: false`
 * (behind PgBouncer in transaction mode). drizzle turns a name into a named server-side statement
 * even then, and a pooler may run the next execution on a server connection that never saw it;
 * without a name the statement is unnamed, and drizzle still reuses the built query.
 *
 * @example
 * const byEmail = db.select().from(users).where(eq(users.email, sql.placeholder('email'))).prepare(statementName(db, 'user_by_email'));
 */
export function statementName(db: AnyDb, name: string): string {
  return (driverOf(db)?.prepares === false ? undefined : name) as string;
}
