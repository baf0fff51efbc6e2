import type { Sql } from 'postgres';
import type { MigrationConnection } from './MigrationConnection.ts';

/** Reserves one connection of a postgres.js pool for the run. */
export async function postgresJsConnection(sql: Sql): Promise<MigrationConnection> {
  const reserved = await sql.reserve();
  return {
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      const rows = await reserved.unsafe(text, params as never[]);
      return [...rows] as unknown as Row[];
    },
    async exec(script) {
      await reserved.unsafe(script).simple();
    },
    async release() {
      reserved.release();
    },
  };
}
