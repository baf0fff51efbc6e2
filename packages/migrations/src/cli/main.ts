#!/usr/bin/env node
import { resolve } from 'node:path';
import { MigrationError } from '../errors.ts';
import { DEFAULT_JOURNAL } from '../journal/JournalTable.ts';
import { describeLockHolder } from '../journal/lockHolder.ts';
import { migrate } from '../run/migrate.ts';
import { migrationStatus } from '../run/migrationStatus.ts';
import { checkAdvice } from './checkAdvice.ts';
import { createMigration } from './createMigration.ts';
import { formatStatusTable } from './formatStatusTable.ts';
import { loadCliConfig } from './loadCliConfig.ts';
import { parseJournalName } from './parseJournalName.ts';
import { openClient } from './openClient.ts';
import { CliUsageError, parseCliArgs, type CliArgs } from './parseCliArgs.ts';
import { USAGE } from './usage.ts';

/** Exit codes: 0 done, 1 check found work, 2 usage, 3 migration error. */
async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof CliUsageError) return usage(error.message);
    throw error;
  }
  const { command, name } = args;
  if (args.help || !command) {
    console.log(USAGE);
    return command || args.help ? 0 : 2;
  }
  if (!['up', 'status', 'check', 'create'].includes(command)) return usage(`unknown command: ${command}`);
  if (command === 'create' && !name) return usage('create needs a name: org-migrate create add_lead_score');
  if (command !== 'create' && name) return usage(`${command} takes no argument, got: ${name}`);
  let source;
  try {
    source = cliSource(args);
  } catch (error) {
    if (error instanceof CliUsageError) return usage(error.message);
    throw error;
  }
  const { folder, journal, set } = source;

  if (command === 'create') {
    const file = createMigration({
      name: name!,
      dir: folder,
      custom: args.custom,
      noTransaction: args.noTransaction,
      ...(args.drizzleConfig ? { config: args.drizzleConfig } : {}),
    });
    console.log(`created ${file}`);
    return 0;
  }

  const url = args.url ?? process.env.DATABASE_URL;
  if (!url && !args.pglite) return usage('no database: set DATABASE_URL, or pass --url URL or --pglite DIR');
  const { client, close } = await openClient({ url, pglite: args.pglite });
  try {
    if (command === 'up') {
      const result = await migrate(client, {
        folder,
        journal,
        ...(set ? { set } : {}),
        allowOutOfOrder: args.allowOutOfOrder,
        ...(args.lockTimeoutMs !== undefined ? { ddlLockTimeoutMs: args.lockTimeoutMs } : {}),
        ...(args.statementTimeoutMs !== undefined ? { statementTimeoutMs: args.statementTimeoutMs } : {}),
        ...(args.lockWaitMs !== undefined ? { lockWaitTimeoutMs: args.lockWaitMs } : {}),
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
      noteOtherSets(result.otherSets, result.set);
      if (result.adopted.length) console.log(`adopted ${result.adopted.length} migration(s) from drizzle's journal`);
      for (const r of result.recovered) console.log(`resumed ${r.name}: ${r.note}`);
      console.log(
        result.applied.length
          ? `applied ${result.applied.length} migration(s) in ${Math.round(result.durationMs)} ms`
          : 'nothing to apply: the database is up to date',
      );
      return 0;
    }
    const status = await migrationStatus(client, { folder, journal, ...(set ? { set } : {}) });
    noteOtherSets(status.otherSets, status.set);
    console.log(formatStatusTable(status.migrations));
    const c = status.counts;
    console.log(
      `\n${c.applied} applied, ${c.pending} pending, ${c.changed} changed, ${c['out-of-order']} out of order, ${c.missing} missing, ${c.interrupted} interrupted`,
    );
    if (command === 'check' && !status.upToDate) {
      console.error(checkAdvice(status.counts, argv));
      return 1;
    }
    return 0;
  } finally {
    await close();
  }
}

/** Folder, journal and set from the flags, else the config, else a usage error that says what to do. */
function cliSource(args: CliArgs) {
  const config = loadCliConfig(process.cwd());
  const dir = args.dir ? resolve(args.dir) : config?.dir;
  if (!dir) {
    throw new CliUsageError(
      'no migrations folder: pass --dir DIR, or put { "dir": "./drizzle" } in org-migrate.config.json or in an ' +
        '"org-migrate" field of package.json (see Configuration below)',
    );
  }
  const journalName = args.journal ?? config?.journal;
  const journal = journalName ? parseJournalName(journalName, args.journal ? '--journal' : config!.source) : DEFAULT_JOURNAL;
  return { folder: dir, journal, set: args.set ?? config?.set };
}

function noteOtherSets(otherSets: Record<string, number>, set: string) {
  for (const [other, count] of Object.entries(otherSets)) {
    console.error(`note: the journal also records ${count} migration(s) of the set "${other}"; this run is the set "${set}" and leaves them alone`);
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
