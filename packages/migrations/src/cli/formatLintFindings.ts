import type { LintFinding } from '../lint/lintMigrations.ts';

/** Lint findings as the CLI prints them: where, which rule, why, what instead, and how to opt out. */
export function formatLintFindings(findings: readonly LintFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.migration}.sql:${f.line} ${f.rule}: ${f.reason}.\n  instead: ${f.instead}.\n` +
        `  if intended, put "-- org-migrate:allow ${f.rule}" (and why) above the statement.`,
    )
    .join('\n');
}
