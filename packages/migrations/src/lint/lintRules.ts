/**
 * The rules of `org-migrate lint`, each with why it is flagged and what to do instead.
 *
 * @example
 * console.log(LINT_RULES['set-not-null'].instead);
 */
export const LINT_RULES = {
  'drop-table': {
    reason: 'dropping a table deletes its data, and code still running against it fails',
    instead: 'stop using it in code first and deploy that; drop it in a later migration (after a backup if it holds data)',
  },
  'drop-column': {
    reason: 'dropping a column deletes its data, and running code that selects or writes it fails',
    instead: 'stop using the column in code and deploy that first, then drop it in a later migration',
  },
  'rewrite-type': {
    reason: 'changing a column type rewrites the whole table under an ACCESS EXCLUSIVE lock (except e.g. varchar → text)',
    instead: 'add a new column of the new type, backfill it in batches, switch code over, then drop the old one',
  },
  'set-not-null': {
    reason: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock',
    instead:
      'add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, then SET NOT NULL (PostgreSQL 12+ uses the check and skips the scan) and drop the check',
  },
  'volatile-default': {
    reason: 'adding a column with a volatile default (random(), gen_random_uuid(), clock_timestamp(), …) rewrites the table under an ACCESS EXCLUSIVE lock',
    instead: 'add the column without a default (or with a constant one), set the default afterwards, backfill existing rows in batches',
  },
  'index-not-concurrent': {
    reason: 'CREATE INDEX on an existing table blocks every write to it until the index is built',
    instead: 'CREATE INDEX CONCURRENTLY <name> … in its own file marked -- org-migrate:no-transaction',
  },
  'constraint-not-valid': {
    reason: 'adding a FOREIGN KEY or CHECK constraint validates every existing row while holding a lock that blocks writes',
    instead: 'add it with NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later migration (which does not block writes)',
  },
  rename: {
    reason: 'renaming a table or column breaks the code still running against the old name during the deploy',
    instead: 'add the new name alongside (new column with dual writes, or a view), move code over, then remove the old name later',
  },
  'transaction-control': {
    reason: 'COMMIT, BEGIN or ROLLBACK in a transactional migration ends its transaction part-way',
    instead: 'remove it, or move such statements to their own files marked -- org-migrate:no-transaction, one statement each',
  },
} as const;

/** The name of a lint rule, as used in the opt-out comment `-- org-migrate:allow <rule>`. */
export type LintRule = keyof typeof LINT_RULES;
