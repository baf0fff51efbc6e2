import { resolve } from 'node:path';
import { DEFAULT_JOURNAL, type JournalTable } from '../journal/JournalTable.ts';
import { loadCliConfig } from './loadCliConfig.ts';
import { CliUsageError, type CliArgs } from './parseCliArgs.ts';
import { parseJournalName } from './parseJournalName.ts';

/** What the CLI runs on: the folder, its journal table and its set name (undefined: the default). */
export interface CliSource {
  folder: string;
  journal: JournalTable;
  set: string | undefined;
  /** The drizzle schema module's path (--schema or the config's `schema`), when one is configured. */
  schema?: string;
}

/** Folder, journal and set from the flags, else the config, else a usage error that says what to do. */
export function cliSource(args: CliArgs): CliSource {
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
  const schema = args.schema ? resolve(args.schema) : config?.schema;
  return { folder: dir, journal, set: args.set ?? config?.set, ...(schema ? { schema } : {}) };
}
