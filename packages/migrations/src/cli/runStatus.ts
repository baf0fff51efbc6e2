import type { MigrationClient } from '../connection/MigrationConnection.ts';
import { readMigrationFolder } from '../files/readMigrationFolder.ts';
import { lintMigrations } from '../lint/lintMigrations.ts';
import { migrationStatus } from '../run/migrationStatus.ts';
import { checkDrift } from '../drift/checkDrift.ts';
import { formatSchemaDiff } from '../introspect/formatSchemaDiff.ts';
import { checkAdvice } from './checkAdvice.ts';
import type { CliSource } from './cliSource.ts';
import { formatLintFindings } from './formatLintFindings.ts';
import { formatStatusTable } from './formatStatusTable.ts';
import { noteOtherSets } from './noteOtherSets.ts';
import type { CliArgs } from './parseCliArgs.ts';
import { reportSchemaDrift } from './reportSchemaDrift.ts';
import { withScratch } from './withScratch.ts';

const UNAPPLIED = new Set(['pending', 'out-of-order', 'interrupted']);

/**
 * `org-migrate status`, `check` and `lint` against a database: the status table, and lint over the
 * migrations that have not run. `check` fails (1) when anything is not applied or lint flags something,
 * with `--drift` when the live schema differs from what the applied migrations produce, and with a
 * schema configured when drizzle-kit would generate a migration from it.
 */
export async function runStatus(
  client: MigrationClient,
  { folder, journal, set, schema }: CliSource,
  command: 'status' | 'check' | 'lint',
  argv: readonly string[],
  args?: Pick<CliArgs, 'drift' | 'scratchUrl'>,
): Promise<number> {
  const status = await migrationStatus(client, { folder, journal, ...(set ? { set } : {}) });
  noteOtherSets(status.otherSets, status.set);
  const unapplied = new Set(status.migrations.filter((m) => UNAPPLIED.has(m.state)).map((m) => m.name));
  const findings = lintMigrations(readMigrationFolder(folder).filter((f) => unapplied.has(f.name)));
  if (command === 'lint') {
    console.log(findings.length ? formatLintFindings(findings) : `lint: nothing flagged in ${unapplied.size} unapplied migration(s)`);
    return findings.length ? 1 : 0;
  }
  console.log(formatStatusTable(status.migrations));
  const c = status.counts;
  console.log(
    `\n${c.applied} applied, ${c.pending} pending, ${c.changed} changed, ${c['out-of-order']} out of order, ${c.missing} missing, ${c.interrupted} interrupted`,
  );
  if (command !== 'check') return 0;
  if (findings.length) console.error(`\nlint:\n${formatLintFindings(findings)}\n`);
  if (!status.upToDate) console.error(checkAdvice(status.counts, argv));
  let drifted = false;
  if (schema) drifted = await reportSchemaDrift(schema, folder);
  if (args?.drift) {
    const drift = await withScratch(args.scratchUrl, (scratch) =>
      checkDrift(client, { folder, journal, ...(set ? { set } : {}), ...(scratch ? { scratch } : {}) }),
    );
    drifted ||= drift.drifted;
    if (drift.drifted) {
      console.error(
        `
drift: the database differs from what the ${drift.applied.length} applied migration(s) produce:
${formatSchemaDiff(drift.differences)}
Put the intended change in a new migration, or undo the manual one.`,
      );
    } else console.log(`no drift: the schema is what the ${drift.applied.length} applied migration(s) produce`);
  }
  return status.upToDate && findings.length === 0 && !drifted ? 0 : 1;
}
