#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MigrationError } from '../errors.ts';
import { describeLockHolder } from '../journal/lockHolder.ts';
import { orgMigrationsFolder } from '../files/orgMigrationsFolder.ts';
import { migrate } from '../run/migrate.ts';
import { migrationStatus } from '../run/migrationStatus.ts';
import { createMigration } from './createMigration.ts';
import { formatStatusTable } from './formatStatusTable.ts';
import { openClient } from './openClient.ts';

const USAGE = `org-migrate <command> [options]

Commands:
  up                 apply pending migrations
  status             show every migration's state
  check              exit 1 when anything is pending, changed, out of order or missing
  create <name>      generate a migration with drizzle-kit (--custom: empty SQL file,
                     --no-transaction: empty file that runs outside a transaction)

Options:
  --url URL              database URL (default: $DATABASE_URL)
  --pglite DIR           use a PGlite data directory instead of a server
  --dir DIR              migrations folder (default: @org/schema's migrations)
  --allow-out-of-order   apply unapplied migrations older than the newest applied one
  --lock-timeout MS      DDL lock_timeout per statement (default 5000)
  --config FILE          drizzle-kit config, for create`;

/** Exit codes: 0 done, 1 check found work, 2 usage, 3 migration error. */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      pglite: { type: 'string' },
      dir: { type: 'string' },
      'allow-out-of-order': { type: 'boolean', default: false },
      'lock-timeout': { type: 'string' },
      custom: { type: 'boolean', default: false },
      'no-transaction': { type: 'boolean', default: false },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, name] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const folder = values.dir ? resolve(values.dir) : orgMigrationsFolder();

  if (command === 'create') {
    if (!name) return usage('create needs a name: org-migrate create add_lead_score');
    const file = createMigration({
      name,
      dir: folder,
      custom: values.custom,
      noTransaction: values['no-transaction'],
      ...(values.config ? { config: values.config } : {}),
    });
    console.log(`created ${file}`);
    return 0;
  }
  if (!['up', 'status', 'check'].includes(command)) return usage(`unknown command: ${command}`);

  const url = values.url ?? process.env.DATABASE_URL;
  if (!url && !values.pglite) return usage('no database: set DATABASE_URL, or pass --url URL or --pglite DIR');
  const { client, close } = await openClient({ url, pglite: values.pglite });
  try {
    if (command === 'up') {
      const result = await migrate(client, {
        folder,
        allowOutOfOrder: values['allow-out-of-order'],
        ...(values['lock-timeout'] ? { ddlLockTimeoutMs: Number(values['lock-timeout']) } : {}),
        onProgress: (e) => {
          if (e.type === 'lock-wait') {
            console.error(
              e.holder
                ? `waiting for the migration lock, held by ${describeLockHolder(e.holder)}`
                : 'waiting for the migration lock, held by another session',
            );
          } else if (e.type === 'start') process.stdout.write(`[${e.index + 1}/${e.total}] ${e.name} ... `);
          else console.log(`${Math.round(e.durationMs)} ms`);
        },
      });
      if (result.adopted.length) console.log(`adopted ${result.adopted.length} migration(s) from drizzle's journal`);
      for (const r of result.recovered) console.log(`resumed ${r.name}: ${r.note}`);
      console.log(
        result.applied.length
          ? `applied ${result.applied.length} migration(s) in ${Math.round(result.durationMs)} ms`
          : 'nothing to apply: the database is up to date',
      );
      return 0;
    }
    const status = await migrationStatus(client, { folder });
    console.log(formatStatusTable(status.migrations));
    const c = status.counts;
    console.log(
      `\n${c.applied} applied, ${c.pending} pending, ${c.changed} changed, ${c['out-of-order']} out of order, ${c.missing} missing, ${c.interrupted} interrupted`,
    );
    if (command === 'check' && !status.upToDate) {
      console.error(
        c.changed || c.missing
          ? 'check failed: applied migrations were edited or removed; restore them (see the table above).'
          : 'check failed: run `org-migrate up` to apply the pending migrations.',
      );
      return 1;
    }
    return 0;
  } finally {
    await close();
  }
}

function usage(message: string): number {
  console.error(`org-migrate: ${message}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Runner errors already say what to do; anything else is printed without a stack for the user.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`org-migrate: ${error instanceof MigrationError ? message : `unexpected error: ${message}`}`);
    process.exitCode = 3;
  },
);
