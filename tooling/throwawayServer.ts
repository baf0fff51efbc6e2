// Test-only (not published): one PostgreSQL server of the test's own, on a free port and a temporary
// data directory, that the test may stop, start and restart — a failover or a DBA's restart, without
// touching the machine's own cluster.
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { asPostgres, freePort, serverBaseDir } from './replicatedPair.ts';

export { canStartClusters } from './replicatedPair.ts';

/** A running throwaway server. */
export interface ThrowawayServer {
  url: string;
  /** Fast shutdown (sessions are terminated) then start again on the same port and data. */
  restart(): void;
  stop(): void;
}

/** Starts a server; `stop()` stops it and removes its files. */
export async function startThrowawayServer(): Promise<ThrowawayServer> {
  const base = serverBaseDir('org-server-');
  const data = join(base, 'data');
  const log = join(base, 'server.log');
  const port = await freePort();
  let running = false;
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, '-l', log, '-w', ...args]);
  const stop = () => {
    if (running) {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // Already down.
      }
    }
    running = false;
    rmSync(base, { recursive: true, force: true });
  };
  try {
    asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    appendFileSync(join(data, 'postgresql.conf'), `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${base}'\nfsync = off\n`);
    pgCtl('start');
    running = true;
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => pgCtl('-m', 'fast', 'restart'),
    stop,
  };
}
