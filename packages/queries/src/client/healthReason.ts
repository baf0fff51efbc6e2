/** Connection failures an operator can act on, by SQLSTATE or Node/postgres.js error code. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running, and on this host and port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by the server',
  CONNECT_TIMEOUT: 'connection timed out',
  CONNECTION_CLOSED: 'the server closed the connection',
  CONNECTION_ENDED: 'the client was closed',
  CONNECTION_DESTROYED: 'the client was closed',
  '28P01': 'authentication failed (user or password)',
  '28000': 'authorization failed (pg_hba.conf or role)',
  '3D000': 'database does not exist',
  '53300': 'too many connections',
  '57P01': 'the server is shutting down',
  '57P03': 'the server is starting up or shutting down',
  '57014': 'the health query timed out',
};

/**
 * Why a health check failed, from the error's code alone: the driver's message can echo the URL or
 * user, and is never used.
 */
export function healthReason(error: unknown): string {
  for (let e = error as { code?: unknown; errno?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    for (const code of [e.code, e.errno]) if (typeof code === 'string' && REASONS[code]) return REASONS[code];
    e = e.cause as typeof e;
  }
  return 'the database did not answer the health query';
}
