import type { MigrationStatus } from '../run/migrationStatus.ts';

/**
 * What `check` tells the user to do, as a command that works for the state it found: the same
 * target and folder options, plus `--allow-out-of-order` when that is what `up` would need. A URL
 * given on the command line is not echoed (it may hold a password).
 */
export function checkAdvice(counts: MigrationStatus['counts'], argv: readonly string[]): string {
  if (counts.changed || counts.missing) {
    return 'check failed: applied migrations were edited or removed; restore them (see the table above), then run check again.';
  }
  const command = ['org-migrate', 'up', ...targetOptions(argv)];
  if (counts['out-of-order']) {
    return (
      'check failed: some unapplied migrations sort before the newest applied one. If their order does not matter, run\n' +
      `  ${[...command, '--allow-out-of-order'].join(' ')}\notherwise rename them to sort last.`
    );
  }
  const what = counts.interrupted ? 'resume the interrupted migration and apply the pending ones' : 'apply the pending migrations';
  return `check failed: run \`${command.join(' ')}\` to ${what}.`;
}

const KEPT = new Set(['--dir', '--journal', '--set', '--pglite', '--url', '--lock-timeout', '--statement-timeout', '--lock-wait']);

/**
 * The target and folder options of a command line, to repeat in advice (a URL becomes '<URL>').
 *
 * @example
 * checkAdviceTarget(['adopt', '--dir', './drizzle', '--url', url]); // ['--dir', './drizzle', '--url', "'<URL>'"]
 */
export function checkAdviceTarget(argv: readonly string[]): string[] {
  return targetOptions(argv, new Set([...KEPT, '--scratch-url']));
}

function targetOptions(argv: readonly string[], keep: ReadonlySet<string> = KEPT): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!keep.has(flag)) continue;
    const value = inline ?? argv[++i] ?? '';
    kept.push(flag, flag === '--url' || flag === '--scratch-url' ? "'<URL>'" : shellQuote(value));
  }
  return kept;
}

function shellQuote(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
