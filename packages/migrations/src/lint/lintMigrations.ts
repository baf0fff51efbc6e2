import type { MigrationFile } from '../files/MigrationFile.ts';
import { scanSql } from '../files/scanSql.ts';
import { validateMigrationFile } from '../files/validateMigrationFile.ts';
import { LINT_RULES, type LintRule } from './lintRules.ts';
import { normalizeName, QUALIFIED_NAME, splitTopLevel } from './splitTopLevel.ts';

/** One flagged statement. */
export interface LintFinding {
  migration: string;
  line: number;
  rule: LintRule;
  /** Why it is flagged. */
  reason: string;
  /** The safe alternative. */
  instead: string;
}

/** `-- org-migrate:allow drop-column, rename  (why)` before a statement opts it out of those rules. */
const ALLOW = /--\s*org-migrate:allow\s+([\w-]+(?:\s*,\s*[\w-]+)*)/g;
const VOLATILE = /\b(random|gen_random_uuid|uuid_generate_v[14]\w*|uuidv[47]|clock_timestamp|timeofday|nextval|statement_timestamp)\s*\(/i;
const SAME_STORAGE_TYPE = /^(text|varchar|character varying|citext)$/i;

/**
 * Flags destructive or long-locking DDL in migrations that have not run yet, each with the reason and
 * the safe alternative. A table created by one of these files is new and empty, so statements on it
 * are not flagged. A statement preceded by `-- org-migrate:allow <rule>` is not flagged for that rule.
 *
 * @example
 * const findings = lintMigrations(readMigrationFolder('./drizzle').filter((f) => pending.has(f.name)));
 * for (const f of findings) console.log(`${f.migration}.sql:${f.line} ${f.rule}: ${f.reason}`);
 */
export function lintMigrations(files: readonly MigrationFile[]): LintFinding[] {
  const created = new Set<string>();
  const findings: LintFinding[] = [];
  for (const file of files) {
    for (const problem of validateMigrationFile(file)) {
      if (problem.message.includes('transactional migration')) findings.push(finding(file.name, problem.line, 'transaction-control'));
    }
    for (const statement of scanSql(file.sql)) {
      const allowed = new Set([...statement.text.matchAll(ALLOW)].flatMap((m) => m[1]!.split(/\s*,\s*/)));
      for (const rule of statementRules(statement.code, created)) {
        if (!allowed.has(rule)) findings.push(finding(file.name, statement.line, rule));
      }
      const table = new RegExp(
        `^create\\s+(?:(?:global\\s+|local\\s+)?(?:temp|temporary|unlogged)\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?${QUALIFIED_NAME}`,
        'i',
      ).exec(statement.code);
      if (table) created.add(normalizeName(table[1]!));
    }
  }
  return findings;
}

function finding(migration: string, line: number, rule: LintRule): LintFinding {
  return { migration, line, rule, ...LINT_RULES[rule] };
}

function statementRules(code: string, created: ReadonlySet<string>): LintRule[] {
  const isNew = (name: string) => created.has(normalizeName(name));
  const drop = /^drop\s+table\s+(?:if\s+exists\s+)?(.+)$/i.exec(code);
  if (drop) return splitTopLevel(drop[1]!.replace(/\s+(cascade|restrict)$/i, '')).every(isNew) ? [] : ['drop-table'];

  const index = new RegExp(`^create\\s+(?:unique\\s+)?index\\s+(concurrently\\s+)?.*?\\bon\\s+(?:only\\s+)?${QUALIFIED_NAME}`, 'i').exec(code);
  if (index) return index[1] || isNew(index[2]!) ? [] : ['index-not-concurrent'];

  const alter = new RegExp(`^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?${QUALIFIED_NAME}\\s*\\*?\\s+(.*)$`, 'i').exec(code);
  if (!alter) return [];
  if (isNew(alter[1]!)) return [];
  if (/^rename\s+(?!constraint\b)/i.test(alter[2]!)) return ['rename'];
  const rules = new Set<LintRule>();
  for (const action of splitTopLevel(alter[2]!)) {
    if (/^drop\s+(?!constraint\b)(?:column\s+)?/i.test(action)) rules.add('drop-column');
    const type = /^alter\s+(?:column\s+)?\S+\s+(?:set\s+data\s+)?type\s+([\w ]+?)(?:\s*\(|\s+using\b|\s+collate\b|$)/i.exec(action);
    const sameStorage = type && SAME_STORAGE_TYPE.test(type[1]!.trim()) && !/\(|\busing\b/i.test(action);
    if (type && !sameStorage) rules.add('rewrite-type');
    if (/^alter\s+(?:column\s+)?\S+\s+set\s+not\s+null\b/i.test(action)) rules.add('set-not-null');
    if (/^add\s+(?!constraint\b|primary\b|unique\b|foreign\b|check\b)/i.test(action) && /\bdefault\b/i.test(action) && VOLATILE.test(action)) {
      rules.add('volatile-default');
    }
    if (/^add\s+(?:constraint\s+\S+\s+)?(?:foreign\s+key|check)\b/i.test(action) && !/\bnot\s+valid\b/i.test(action)) {
      rules.add('constraint-not-valid');
    }
  }
  return [...rules];
}
