import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { recordStatementError } from '../errors/statementErrors.ts';
import type { PostgresJsLike } from './driverOf.ts';

/** A postgres.js query before it runs, as COPY needs it: its `reject` (which the connection calls) and `writable()`. */
interface CopyQuery {
  reject(error: unknown): void;
  writable(): Promise<Writable>;
}

/**
 * Runs `COPY … FROM STDIN` on a postgres.js connection, writing `data` chunk by chunk as it is produced
 * (so the server inserts one chunk while the next is made), and settles on every outcome:
 *
 * - The server accepts the rows: resolves once it confirmed the COPY.
 * - The server rejects them while data is still being written (a bad value, a unique violation):
 *   postgres.js destroys the stream with the server's error, which is thrown.
 * - The server rejects them after the last chunk (a foreign key checked at the end, a violation in the
 *   last rows): postgres.js 3.4.9 hands that error only to the query's `reject`, which does nothing
 *   once the query resolved to the stream, and never calls the stream's final callback
 *   (porsager/postgres#1173): the write would hang forever and a transaction around it never end. The
 *   query's `reject` is observed here instead, and the error thrown.
 * - Producing a chunk throws (the caller's validation): the COPY is cancelled (CopyFail, the server
 *   writes nothing) and that error thrown.
 * - The connection is lost: postgres.js destroys the stream or rejects the query; its error is thrown.
 *
 * In each failed case the connection is ready for the next statement (a ROLLBACK): the server answered
 * the COPY with ReadyForQuery, or postgres.js queues the next statement behind that answer.
 *
 * @example
 * await copyIn(tx, 'copy "leads" ("name", "email") from stdin', ['a\tb@c.d\n']);
 */
export async function copyIn(sql: PostgresJsLike, statement: string, data: Iterable<string>): Promise<void> {
  const query = sql.unsafe(statement) as unknown as CopyQuery;
  let rejected: { error: unknown } | undefined;
  let onRejected: (() => void) | undefined;
  const reject = query.reject;
  query.reject = (error) => {
    reject.call(query, error);
    rejected ??= { error };
    onRejected?.();
  };
  const stream = await query.writable();
  // The error this COPY was abandoned with (the caller's own); any other failure is the statement's, and
  // is recorded as such so that a transaction tells a lost connection from an application error.
  let abandonedWith: unknown;
  const settled = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (error !== abandonedWith) recordStatementError(error);
      reject(error);
    };
    stream.once('finish', resolve);
    stream.once('error', fail);
    stream.once('close', () => fail(stream.errored ?? new Error('COPY stream closed before the server confirmed it')));
    onRejected = () => {
      fail(rejected!.error);
      // Releases the stream (already finished on the driver's side); its CopyFail, if written, is ignored by an idle server.
      stream.destroy();
    };
    if (rejected) onRejected();
  });
  // Observed below on every path; this keeps an early failure from counting as unhandled meanwhile.
  settled.catch(() => {});
  try {
    for (const chunk of data) {
      if (rejected || stream.destroyed) break;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), settled]);
    }
  } catch (error) {
    // CopyFail: the server abandons the COPY and writes nothing (no-op when the stream is already gone).
    if (!stream.destroyed) abandonedWith = error;
    stream.destroy(error as Error);
    throw error;
  }
  if (!stream.destroyed) stream.end();
  await settled;
}
