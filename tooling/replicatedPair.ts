// Test-only (not published): a throwaway primary and a streaming replica of it, on their own ports
// and data directories, so the machine's own PostgreSQL cluster is never reconfigured.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** Whether this machine can start PostgreSQL clusters of its own. */
export const canStartClusters = existsSync(join(BIN, 'initdb')) && existsSync('/usr/sbin/runuser');

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// PostgreSQL refuses to run as root; the tools run as the postgres user.
export function asPostgres(tool: string, args: string[]): void {
  const command = process.getuid?.() === 0 ? ['/usr/sbin/runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), args];
  execFileSync(command[0] as string, command[1] as string[], { stdio: 'pipe', timeout: 60_000 });
}

/** A new temporary folder the postgres user owns (servers refuse to run as root). */
export function serverBaseDir(prefix: string): string {
  const base = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(base, uid, gid);
  }
  return base;
}

/** Starts a primary and a replica streaming from it; `stop()` stops both and removes their files. */
export async function startReplicatedPair() {
  const base = serverBaseDir('org-replication-');
  const primary = join(base, 'primary');
  const replica = join(base, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const settings = (port: number) =>
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${base}'\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\nhot_standby = on\n`;
  const started: string[] = [];
  const stop = () => {
    for (const dir of started.reverse()) {
      try {
        asPostgres('pg_ctl', ['-D', dir, '-m', 'immediate', 'stop']);
      } catch {
        // Already down.
      }
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    // initdb's default pg_hba.conf trusts local replication connections.
    asPostgres('initdb', ['-D', primary, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    appendFileSync(`${primary}/postgresql.conf`, settings(primaryPort));
    asPostgres('pg_ctl', ['-D', primary, '-l', join(base, 'primary.log'), '-w', 'start']);
    started.push(primary);
    asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream']);
    appendFileSync(`${replica}/postgresql.conf`, settings(replicaPort));
    asPostgres('pg_ctl', ['-D', replica, '-l', join(base, 'replica.log'), '-w', 'start']);
    started.push(replica);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    stop,
  };
}
