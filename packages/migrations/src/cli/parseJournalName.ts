import type { JournalTable } from '../journal/JournalTable.ts';
import { CliUsageError } from './parseCliArgs.ts';

/**
 * `schema.table` or `table` (in `public`) as a journal table; plain identifiers only, so a typo
 * cannot smuggle SQL in through the name.
 *
 * @example
 * parseJournalName('ops.app_migrations'); // { schema: 'ops', name: 'app_migrations' }
 */
export function parseJournalName(value: string, source: string): JournalTable {
  const match = /^(?:([A-Za-z_][\w$]*)\.)?([A-Za-z_][\w$]*)$/.exec(value);
  if (!match) throw new CliUsageError(`${source}: the journal is schema.table or table, in letters, digits, _ and $`);
  return { schema: match[1] ?? 'public', name: match[2]! };
}
