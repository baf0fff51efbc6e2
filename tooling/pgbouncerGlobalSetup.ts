// vitest globalSetup of the "(pgbouncer)" projects: PgBouncer in transaction mode in front of the test
// server, on the port of TEST_POOLER_URL, for the length of the run; stopped in teardown.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PGBOUNCER = '/usr/sbin/pgbouncer';

/** Where the pooled project reaches the server (its `TEST_POOLER_URL`). */
export const POOLER_URL = 'postgres://postgres@127.0.0.1:6439/postgres';

export default function setup() {
  const pooler = new URL(POOLER_URL);
  const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dir = mkdtempSync(join(tmpdir(), 'org-pgbouncer-'));
  const root = process.getuid?.() === 0;
  writeFileSync(join(dir, 'userlist.txt'), '"postgres" ""\n"org_rls_app" ""\n');
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    `[databases]
* = host=${server.hostname} port=${server.port || 5432}

[pgbouncer]
listen_addr = ${pooler.hostname}
listen_port = ${pooler.port}
unix_socket_dir = ${dir}
auth_type = trust
auth_file = ${join(dir, 'userlist.txt')}
pool_mode = transaction
admin_users = postgres
max_client_conn = 500
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
pidfile = ${join(dir, 'pgbouncer.pid')}
logfile = ${join(dir, 'pgbouncer.log')}
`,
  );
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    for (const f of ['', 'userlist.txt', 'pgbouncer.ini']) chownSync(join(dir, f), uid, gid);
  }
  // PgBouncer refuses to run as root; -d daemonises once it listens.
  const args = ['-d', join(dir, 'pgbouncer.ini')];
  execFileSync(root ? '/usr/sbin/runuser' : PGBOUNCER, root ? ['-u', 'postgres', '--', PGBOUNCER, ...args] : args, { stdio: 'pipe' });

  return () => {
    const pidfile = join(dir, 'pgbouncer.pid');
    if (existsSync(pidfile)) process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
}
