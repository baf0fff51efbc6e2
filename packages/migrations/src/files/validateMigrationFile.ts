import type { MigrationFile } from './MigrationFile.ts';
import { NO_TRANSACTION_MARKER } from './MigrationFile.ts';
import { scanSql } from './scanSql.ts';

/** Why a file cannot run as written, and where. */
export interface MigrationFileProblem {
  migration: string;
  line: number;
  message: string;
}

const TRANSACTION_CONTROL = /^(begin|commit|rollback|end|abort|start\s+transaction|prepare\s+transaction)\b(?!\s+to\b)/i;
const CONCURRENT_INDEX = /^create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?(?!on\b)("(?:[^"]|"")+"|[\w$]+)/i;

/**
 * The reasons a file would not do exactly what it says, found before anything runs:
 * - a transactional file must not control the transaction itself: a `COMMIT` in it would keep the
 *   statements before it while the rest fails on its own, and the runner could no longer say what
 *   was kept;
 * - a `-- org-migrate:no-transaction` file holds exactly one statement, so a failure leaves nothing
 *   half-done (PostgreSQL runs each statement atomically) and a rerun knows where it stands;
 * - a concurrent index in such a file is named, so a rerun after a crash can find it.
 *
 * @example
 * validateMigrationFile(file); // [{ migration: '0004_x', line: 3, message: 'COMMIT inside a transactional file …' }]
 */
export function validateMigrationFile(file: MigrationFile): MigrationFileProblem[] {
  const statements = scanSql(file.sql);
  const problems: MigrationFileProblem[] = [];
  if (file.transactional) {
    for (const s of statements) {
      const control = TRANSACTION_CONTROL.exec(s.code);
      if (!control) continue;
      problems.push({
        migration: file.name,
        line: s.line,
        message:
          `${control[1]!.toUpperCase().replace(/\s+/, ' ')} in a transactional migration would end the file's transaction ` +
          'part-way. Remove it (each file already runs in one transaction), or move the statements that must run ' +
          `outside a transaction to their own files, one statement each, marked \`${NO_TRANSACTION_MARKER}\``,
      });
    }
    return problems;
  }
  const second = statements[1];
  if (second) {
    problems.push({
      migration: file.name,
      line: second.line,
      message:
        `a \`${NO_TRANSACTION_MARKER}\` file holds exactly one statement, and a second one starts here. ` +
        'Put each statement in its own file, so a failure never leaves one half-applied',
    });
  }
  const only = statements[0];
  if (only && /^create\s+(?:unique\s+)?index\s+concurrently\b/i.test(only.code) && !CONCURRENT_INDEX.test(only.code)) {
    problems.push({
      migration: file.name,
      line: only.line,
      message: 'name the concurrent index (create index concurrently <name> on …), so a rerun after a crash can find it',
    });
  }
  return problems;
}

/**
 * The index a single-statement no-transaction file builds concurrently, or undefined.
 *
 * @example
 * concurrentIndexName('create unique index concurrently items_code_key on items (code)'); // 'items_code_key'
 */
export function concurrentIndexName(code: string): string | undefined {
  return CONCURRENT_INDEX.exec(code)?.[1];
}
