import { STATEMENT_BREAKPOINT } from './MigrationFile.ts';

/**
 * Splits a file on drizzle-kit's breakpoints. Non-transactional files run statement by statement
 * (PostgreSQL runs a multi-statement simple query as one implicit transaction, which
 * `CREATE INDEX CONCURRENTLY` refuses), so such a file puts a breakpoint between statements.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(STATEMENT_BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.replace(/^\s*--.*$/gm, '').trim().length > 0);
}
