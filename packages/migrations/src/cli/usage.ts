/** The text of `org-migrate --help`: every command and option. */
export const USAGE = `org-migrate <command> [options]

Commands:
  up                 apply pending migrations (refuses edited, missing or out-of-order ones)
  status             show every migration's state
  check              exit 1 when anything is pending, changed, out of order, missing or interrupted
  create <name>      generate a migration with drizzle-kit (--custom: empty SQL file,
                     --no-transaction: empty file that runs outside a transaction)

Options:
  --url URL              database URL (default: $DATABASE_URL)
  --pglite DIR           use a PGlite data directory instead of a server
  --dir DIR              migrations folder
  --allow-out-of-order   apply unapplied migrations older than the newest applied one
  --lock-timeout MS      DDL lock_timeout per statement (default 5000; 0 waits forever)
  --statement-timeout MS statement_timeout per statement (default 0: none)
  --lock-wait MS         how long to wait for another runner's migration lock (default 60000)
  --config FILE          drizzle-kit config, for create
  --custom               create: an empty SQL file instead of a generated one
  --no-transaction       create: an empty file that runs outside a transaction
  -h, --help             show this text

Exit codes: 0 done, 1 check found work, 2 usage error, 3 migration error.`;
