import type { PGliteInterface } from '@electric-sql/pglite';
import type { MigrationConnection } from './MigrationConnection.ts';

/** PGlite is a single session already; this only adapts its API. */
export function pgliteConnection(db: PGliteInterface): MigrationConnection {
  return {
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(text, params as unknown[]);
      return result.rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    async release() {},
  };
}
