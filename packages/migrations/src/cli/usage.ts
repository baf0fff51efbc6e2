/** The text of `org-migrate --help`: every command and option. */
export const USAGE = `org-migrate <command> [options]

Commands:
  up                 apply pending migrations (refuses edited, missing or out-of-order ones)
  status             show every migration's state
  check              exit 1 when anything is pending, changed, out of order, missing or interrupted,
                     or when lint flags an unapplied migration; --drift: also when the live
                     schema differs from what the applied migrations produce; with a schema
                     configured, also when drizzle-kit generate would write a migration
  lint               flag destructive or long-locking DDL in unapplied migrations, with the safe
                     alternative (without a database: each file, as if the ones before it ran);
                     opt a statement out with
                     -- org-migrate:allow <rule>
  adopt              bring a database built by another tool under org-migrate: identical to what
                     the migrations produce -> record them all as applied without running them;
                     different -> print the differences and write NNNN_adopt_bridge.sql into the
                     folder (exit 1); run adopt again after review to apply it and record all
  create <name>      generate a migration with drizzle-kit (--custom: empty SQL file,
                     --no-transaction: empty file that runs outside a transaction)

Options:
  --url URL              database URL (default: $DATABASE_URL)
  --pglite DIR           use a PGlite data directory instead of a server
  --dir DIR              migrations folder (required unless configured, see below)
  --journal SCHEMA.TABLE journal table (default public.org_migrations)
  --set NAME             name the folder's migrations are journaled under (default: the folder's name)
  --allow-out-of-order   apply unapplied migrations older than the newest applied one
  --lock-timeout MS      DDL lock_timeout per statement (default 5000; 0 waits forever)
  --statement-timeout MS statement_timeout per statement (default 0: none)
  --lock-wait MS         how long to wait for another runner's migration lock (default 60000)
  --drift                check: compare the live schema with what the applied migrations produce
  --allow-drop           adopt: let the bridge drop tables and columns the migrations do not make
                         (default: kept, and listed)
  --scratch-url URL      adopt, check --drift: an empty database to build the expected schema on
                         (default: PGlite in process)
  --schema FILE          check: the drizzle schema module the folder is generated from (JavaScript,
                         or TypeScript when run through tsx); needs drizzle-kit installed
  --config FILE          drizzle-kit config, for create
  --custom               create: an empty SQL file instead of a generated one
  --no-transaction       create: an empty file that runs outside a transaction
  -h, --help             show this text

Configuration: flags win over org-migrate.config.json in the working directory, which wins over an
"org-migrate" field in package.json: { "dir": "./drizzle", "journal": "public.app_migrations", "set": "app", "schema": "./dist/schema.js" }.
Without a folder from one of them, org-migrate refuses to run. @org/schema's own migrations:
  --dir node_modules/@org/migrations/migrations

Exit codes: 0 done, 1 check or lint found something, 2 usage error, 3 migration error.`;
