import { ConnectionError } from '../errors/errors.ts';
import { recordStatementError } from '../errors/statementErrors.ts';

/** The postgres.js connection object a query hands to its `onexecute` option. */
interface PostgresJsConnection {
  onclose?: ((error: unknown) => void) | null;
}

/** A postgres.js query as far as this needs it: a promise that can be rejected from outside. */
interface PendingQuery {
  state?: unknown;
  cancel?(): unknown;
  reject(error: unknown): void;
  then(ok: (v: unknown) => unknown, fail: (e: unknown) => unknown): unknown;
}

/** SQLSTATEs and postgres.js codes by which a statement of ours reports that its own session ended. */
export const SESSION_ENDED = /^(08...|57P0[123]|25P03|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|ECONNRESET|EPIPE)$/;

/**
 * Tracks whether the one connection a transaction runs on is still alive, from that connection's own
 * signals only: its socket's close event, or one of the transaction's own statements failing because
 * the session ended (57P01 from a kill or a restart, 25P03 from idle_in_transaction_session_timeout,
 * postgres.js's CONNECTION_CLOSED). Never from the shape of an error the application throws: an HTTP
 * client's `ECONNREFUSED` says nothing about this connection, and that transaction still rolls back.
 *
 * Once lost, nothing more is written through the reserved handle: postgres.js 3.4.9 would write to a
 * null socket in a deferred callback (an uncaught TypeError that ends the process, porsager/postgres
 * #1154, #1208) or, once the pool reconnected that slot, run the statement in someone else's session.
 * Statements still waiting in the client's queue would never settle (porsager/postgres#1186) or, on a
 * `max: 1` client, run on its next session: they are rejected and taken out of the queue here.
 */
export class ConnectionLink {
  lost = false;
  /** Set when the transaction can no longer commit (a savepoint could not be rolled back). */
  broken: unknown = undefined;
  private connection: PostgresJsConnection | undefined;
  private readonly pending = new Set<PendingQuery>();

  /** The `onexecute` hook for the transaction's first statement: captures the connection. */
  readonly attach = (connection: PostgresJsConnection): boolean => {
    this.connection = connection;
    connection.onclose = () => this.markLost();
    return true;
  };

  /** Watches one of the transaction's statements: its failure may tell that the session ended. */
  watch<Q extends PendingQuery>(query: Q): Q {
    this.pending.add(query);
    query.then(
      () => this.pending.delete(query),
      (error: unknown) => {
        this.pending.delete(query);
        recordStatementError(error);
        const code = (error as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && SESSION_ENDED.test(code)) this.markLost();
      },
    );
    return query;
  }

  /** The connection is gone: refuse what is left. */
  markLost(): void {
    if (this.lost) return;
    this.lost = true;
    const error = this.lostError('under a statement');
    for (const query of this.pending) {
      query.reject(error);
      // Still in the client's queue: take it out, or the reconnected session would run it outside the
      // transaction.
      if (!query.state) query.cancel?.();
    }
    this.pending.clear();
  }

  /** Stops watching (before the connection goes back to the pool). */
  detach(): void {
    if (this.connection && !this.lost) this.connection.onclose = null;
    this.connection = undefined;
  }

  /** The typed error for work attempted after the connection was lost. */
  lostError(stage: string, outcome = 'nothing of it was committed'): ConnectionError {
    return new ConnectionError(`the transaction's connection was lost ${stage}; ${outcome}`);
  }
}
