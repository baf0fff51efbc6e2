import type { MigrationConnection } from '../connection/MigrationConnection.ts';

/** Timeouts applied to a migration's statements. */
export interface StatementLimits {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

/** Sets `lock_timeout` and `statement_timeout`, for the transaction (`local`) or the session. */
export async function setStatementLimits(conn: MigrationConnection, limits: StatementLimits, local: boolean) {
  await conn.query(`select set_config('lock_timeout', $1, ${local}), set_config('statement_timeout', $2, ${local})`, [
    `${limits.lockTimeoutMs}ms`,
    `${limits.statementTimeoutMs}ms`,
  ]);
}
