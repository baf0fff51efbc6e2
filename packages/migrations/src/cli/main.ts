#!/usr/bin/env node
import { MigrationError } from '../errors.ts';
import { readMigrationFolder } from '../files/readMigrationFolder.ts';
import { lintMigrations } from '../lint/lintMigrations.ts';
import { cliSource } from './cliSource.ts';
import { createMigration } from './createMigration.ts';
import { formatLintFindings } from './formatLintFindings.ts';
import { openClient } from './openClient.ts';
import { CliUsageError, parseCliArgs, type CliArgs } from './parseCliArgs.ts';
import { runStatus } from './runStatus.ts';
import { runAdopt } from './runAdopt.ts';
import { runUp } from './runUp.ts';
import { USAGE } from './usage.ts';
import { PgliteDataDirLockedError } from '../pglite/PgliteDataDirLockedError.ts';

/** Exit codes: 0 done, 1 check or lint found something, 2 usage, 3 migration error. */
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
  if (!['up', 'status', 'check', 'create', 'lint', 'adopt'].includes(command)) return usage(`unknown command: ${command}`);
  if (command === 'create' && !name) return usage('create needs a name: org-migrate create add_lead_score');
  if (command !== 'create' && name) return usage(`${command} takes no argument, got: ${name}`);
  if (args.drift && command !== 'check') return usage('--drift goes with check: org-migrate check --drift');
  if (args.schema && command !== 'check') return usage('--schema goes with check: org-migrate check --schema ./src/schema.ts');
  if (args.allowDrop && command !== 'adopt') return usage('--allow-drop goes with adopt: org-migrate adopt --allow-drop');
  let source;
  try {
    source = cliSource(args);
  } catch (error) {
    if (error instanceof CliUsageError) return usage(error.message);
    throw error;
  }
  const { folder } = source;

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
  if (command === 'lint' && !url && !args.pglite) {
    // Without a database nothing says which files ran: each file is linted as the next to run, with
    // the tables of the files before it existing (a CI gate that needs no database).
    const findings = readMigrationFolder(folder).flatMap((f) => lintMigrations([f]));
    console.log(findings.length ? formatLintFindings(findings) : 'lint: nothing flagged');
    return findings.length ? 1 : 0;
  }
  if (!url && !args.pglite) return usage('no database: set DATABASE_URL, or pass --url URL or --pglite DIR');
  const { client, close } = await openClient({ url, pglite: args.pglite });
  try {
    if (command === 'up') return await runUp(client, source, args);
    if (command === 'adopt') return await runAdopt(client, source, args, argv);
    return await runStatus(client, source, command as 'status' | 'check' | 'lint', argv, args);
  } catch (error) {
    if (error instanceof CliUsageError) return usage(error.message);
    throw error;
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
    const known = error instanceof MigrationError || error instanceof PgliteDataDirLockedError;
    console.error(`org-migrate: ${known ? message : `unexpected error: ${message}`}`);
    process.exitCode = 3;
  },
);
