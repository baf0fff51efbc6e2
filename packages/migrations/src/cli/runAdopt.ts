import { adoptDatabase } from '../adopt/adoptDatabase.ts';
import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { formatSchemaDiff } from '../introspect/formatSchemaDiff.ts';
import { checkAdviceTarget } from './checkAdvice.ts';
import type { CliSource } from './cliSource.ts';
import type { CliArgs } from './parseCliArgs.ts';
import { withScratch } from './withScratch.ts';

/**
 * `org-migrate adopt`: records a database built by another tool when it matches the migrations;
 * otherwise prints the differences and writes a bridge for review (exit 1), or, when the folder has
 * a bridge, runs it and records everything if the database then matches.
 */
export async function runAdopt(client: MigrationClient, { folder, journal, set }: CliSource, args: CliArgs, argv: readonly string[]): Promise<number> {
  const result = await withScratch(args.scratchUrl, (scratch) =>
    adoptDatabase(client, {
      folder,
      journal,
      ...(set ? { set } : {}),
      ...(scratch ? { scratch } : {}),
      allowDrop: args.allowDrop,
      ...(args.lockWaitMs !== undefined ? { lockWaitTimeoutMs: args.lockWaitMs } : {}),
    }),
  );
  const again = ['org-migrate', 'adopt', ...checkAdviceTarget(argv)].join(' ');
  if (result.differences.length) {
    console.log(`the database differs from what the migrations produce:\n${formatSchemaDiff(result.differences, { keptNote: !args.allowDrop })}\n`);
  }
  switch (result.outcome) {
    case 'adopted':
      console.log(`adopted: the database is what the migrations produce; recorded ${result.recorded.length} migration(s) as applied without running them`);
      return 0;
    case 'bridged':
      console.log(`bridged: ran ${result.bridgeFile}; the database now matches; recorded ${result.recorded.length} migration(s)`);
      return 0;
    case 'bridge-written':
      for (const r of result.review) console.error(`review: ${r}`);
      console.log(
        `wrote ${result.bridgeFile}: nothing was recorded. Review it, then run\n  ${again}\nto apply it and record the migrations in one transaction.`,
      );
      return 1;
    case 'differs':
      console.error(
        `ran ${result.bridgeFile} and rolled it back: the database would still differ:\n${formatSchemaDiff(result.remaining)}\n` +
          'Nothing was recorded. Edit the bridge (or delete it and adopt again to regenerate it).',
      );
      return 1;
  }
}
