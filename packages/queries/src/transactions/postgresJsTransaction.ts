import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { ReservedSql } from 'postgres';
import { ConnectionError } from '../errors/errors.ts';
import { mapDatabaseError } from '../errors/mapDatabaseError.ts';
import type { AnyDb } from '../internal/OrgDb.ts';
import { acquireConnection } from './acquireConnection.ts';
import { holdConnection, runInsideTransaction } from './poolState.ts';

/** BEGIN options, validated upstream to these literals. */
export interface BeginOptions {
  isolationLevel?: 'read committed' | 'repeatable read' | 'serializable';
  accessMode?: 'read only' | 'read write';
}

function lostConnection(error: unknown): boolean {
  return mapDatabaseError(error) instanceof ConnectionError;
}

/**
 * The transaction client drizzle's PostgresJsTransaction needs: `unsafe` plus `savepoint(cb)`. After
 * a lost connection nothing more is written to it: postgres.js 3.4.9 throws an uncaught TypeError
 * from a deferred write on a dead socket (porsager/postgres#1154, #1208), which would end the process.
 */
function transactionClient(reserved: ReservedSql) {
  let depth = 0;
  const client = Object.assign((...args: Parameters<ReservedSql>) => reserved(...args), {
    unsafe: reserved.unsafe.bind(reserved),
    async savepoint<T>(work: (c: typeof client) => Promise<T>): Promise<T> {
      const name = `org_sp_${++depth}`;
      await reserved.unsafe(`savepoint ${name}`);
      try {
        const result = await work(client);
        await reserved.unsafe(`release savepoint ${name}`);
        return result;
      } catch (error) {
        if (!lostConnection(error)) await reserved.unsafe(`rollback to savepoint ${name}`).catch(() => {});
        throw error;
      } finally {
        depth--;
      }
    },
  });
  return client;
}

/**
 * A top-level transaction on postgres.js: a reserved connection (with an acquire timeout), BEGIN,
 * drizzle's own transaction object for the callback (nested transactions become savepoints), COMMIT;
 * ROLLBACK on failure unless the connection is gone, then the connection goes back to the pool.
 */
export async function runPostgresJsTransaction<TDb extends AnyDb, T>(
  db: TDb,
  fn: (tx: TDb) => Promise<T>,
  options: BeginOptions,
): Promise<T> {
  const root = db as unknown as { session: unknown; dialect: ConstructorParameters<typeof PostgresJsTransaction>[0] };
  const session = root.session as unknown as { client: Parameters<typeof acquireConnection>[0]; schema: never; options: never };
  const reserved = await acquireConnection(session.client);
  const release = holdConnection(session.client);
  const client = transactionClient(reserved);
  const txSession = new PostgresJsSession(client as never, root.dialect, session.schema, session.options);
  const tx = new PostgresJsTransaction(root.dialect, txSession, session.schema);
  const modes = [options.isolationLevel && `isolation level ${options.isolationLevel}`, options.accessMode].filter(Boolean).join(' ');
  let lost = false;
  try {
    await reserved.unsafe(`begin${modes ? ` ${modes}` : ''}`);
    const result = await runInsideTransaction(session.client, () => fn(tx as unknown as TDb));
    await reserved.unsafe('commit');
    return result;
  } catch (error) {
    lost = lostConnection(error);
    if (!lost) await reserved.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    // A connection that died with a write pending is poisoned in postgres.js 3.4.9: the next query
    // handed to it never completes. It stays reserved (out of the pool) instead; the pool keeps
    // serving on its other connections, at the cost of that slot until the client is recreated.
    if (!lost) {
      reserved.release();
      release();
    }
  }
}

/** Whether a db (or its primary, with replicas) runs on postgres.js. */
export function postgresJsRoot(db: AnyDb): AnyDb | undefined {
  const primary = ((db as unknown as { $primary?: AnyDb }).$primary ?? db) as unknown as { session?: unknown };
  return primary.session instanceof PostgresJsSession ? (primary as unknown as AnyDb) : undefined;
}
