import { parseArgs } from 'node:util';

/** A command line that cannot be run as given: exit 2 with the usage text, never "fix the file". */
export class CliUsageError extends Error {}

/** What the command line asked for, validated. */
export interface CliArgs {
  command: string | undefined;
  name: string | undefined;
  help: boolean;
  url: string | undefined;
  pglite: string | undefined;
  dir: string | undefined;
  journal: string | undefined;
  set: string | undefined;
  allowOutOfOrder: boolean;
  lockTimeoutMs: number | undefined;
  statementTimeoutMs: number | undefined;
  lockWaitMs: number | undefined;
  drizzleConfig: string | undefined;
  custom: boolean;
  noTransaction: boolean;
  /** check: also compare the live schema with what the applied migrations produce. */
  drift: boolean;
  /** adopt: let the bridge drop tables and columns the migrations do not make. */
  allowDrop: boolean;
  /** adopt, check --drift: an empty database to build the expected schema on (default: in-process PGlite). */
  scratchUrl: string | undefined;
  /** check: the drizzle schema module the folder is generated from, compared with its meta snapshots. */
  schema: string | undefined;
}

/** Parses argv strictly: unknown flags, missing values and non-numeric milliseconds are usage errors. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        pglite: { type: 'string' },
        dir: { type: 'string' },
        journal: { type: 'string' },
        set: { type: 'string' },
        'allow-out-of-order': { type: 'boolean', default: false },
        'lock-timeout': { type: 'string' },
        'statement-timeout': { type: 'string' },
        'lock-wait': { type: 'string' },
        custom: { type: 'boolean', default: false },
        'no-transaction': { type: 'boolean', default: false },
        config: { type: 'string' },
        drift: { type: 'boolean', default: false },
        'allow-drop': { type: 'boolean', default: false },
        'scratch-url': { type: 'string' },
        schema: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // node:util's messages name the flag ("Unknown option '--dri'"); they are the usage error.
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 2) throw new CliUsageError(`unexpected argument: ${positionals[2]}`);
  return {
    command: positionals[0],
    name: positionals[1],
    help: values.help,
    url: values.url,
    pglite: values.pglite,
    dir: values.dir,
    journal: values.journal,
    set: values.set,
    allowOutOfOrder: values['allow-out-of-order'],
    lockTimeoutMs: milliseconds('--lock-timeout', values['lock-timeout']),
    statementTimeoutMs: milliseconds('--statement-timeout', values['statement-timeout']),
    lockWaitMs: milliseconds('--lock-wait', values['lock-wait']),
    drizzleConfig: values.config,
    custom: values.custom,
    noTransaction: values['no-transaction'],
    drift: values.drift,
    allowDrop: values['allow-drop'],
    scratchUrl: values['scratch-url'],
    schema: values.schema,
  };
}

function milliseconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) {
    throw new CliUsageError(`${flag} takes a whole number of milliseconds (0 to 2147483647)`);
  }
  return Number(value);
}
