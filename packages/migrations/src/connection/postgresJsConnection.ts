import type { Sql } from 'postgres';
import type { MigrationConnection } from './MigrationConnection.ts';

/**
 * How often the server checks that the runner is still connected while a migration statement runs.
 * Without it, a SIGKILLed runner's backend keeps executing (and holding the migration lock) until it
 * next writes to the socket, which for a long DDL statement can be minutes.
 */
export const CLIENT_CHECK_INTERVAL_MS = 1_000;

/**
 * Reserves one connection of a postgres.js pool for the run, and has PostgreSQL (14 and later) notice
 * a vanished runner through `client_connection_check_interval`; the setting is reset before the
 * connection goes back to the pool.
 */
export async function postgresJsConnection(sql: Sql): Promise<MigrationConnection> {
  const reserved = await sql.reserve();
  let checking = false;
  try {
    const [row] = await reserved.unsafe<{ version: string }[]>(`select current_setting('server_version_num') as version`);
    if (Number(row?.version) >= 140_000) {
      await reserved.unsafe(`select set_config('client_connection_check_interval', $1, false)`, [`${CLIENT_CHECK_INTERVAL_MS}ms`]);
      checking = true;
    }
  } catch (error) {
    reserved.release();
    throw error;
  }
  return {
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      const rows = await reserved.unsafe(text, params as never[]);
      return [...rows] as unknown as Row[];
    },
    async exec(script) {
      await reserved.unsafe(script).simple();
    },
    async release() {
      if (checking) await reserved.unsafe('reset client_connection_check_interval').catch(() => {});
      reserved.release();
    },
  };
}
