import type { MigrationFile } from '../files/MigrationFile.ts';
import type { SchemaDifference } from '../introspect/SchemaDifference.ts';

/**
 * A line in a migration that says an object the migrations do not make is kept on purpose (a legacy
 * table adoption left in place, say): the drift check does not report it once that migration ran.
 *
 * @example
 * `${KEEP_MARKER} table public.search_jobs`
 */
export const KEEP_MARKER = '-- org-migrate:keep';

/** The marker line that keeps what an `extra` difference names. */
export function keepLine(d: SchemaDifference): string {
  return `${KEEP_MARKER} ${d.object} ${keepKey(d)}`;
}

/** What is kept, as `object name` keys (`table public.t`, `column public.t.c`), from files' marker lines. */
export function keptObjects(files: readonly MigrationFile[]): Set<string> {
  const kept = new Set<string>();
  for (const file of files) {
    for (const line of file.sql.split('\n')) {
      const trimmed = line.trim();
      // Anything after a second ` -- ` is a note (holds data, how to drop).
      if (trimmed.startsWith(`${KEEP_MARKER} `))
        kept.add(
          trimmed
            .slice(KEEP_MARKER.length + 1)
            .split(' -- ')[0]!
            .trim(),
        );
    }
  }
  return kept;
}

/** Whether a difference is an extra object some applied migration keeps. */
export function isKept(d: SchemaDifference, kept: ReadonlySet<string>): boolean {
  return d.change === 'extra' && kept.has(`${d.object} ${keepKey(d)}`);
}

function keepKey(d: SchemaDifference): string {
  return d.table && d.object !== 'table' && d.object !== 'row security' ? `${d.table}.${d.name}` : d.name;
}
