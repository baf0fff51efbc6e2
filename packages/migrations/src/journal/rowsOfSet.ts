import { MigrationSetError } from '../errors.ts';
import type { MigrationFile } from '../files/MigrationFile.ts';
import type { JournalRow } from './JournalTable.ts';

/** A set's view of a shared journal. */
export interface SetRows {
  /** The set's own rows (legacy rows it claims included, labelled with the set). */
  rows: JournalRow[];
  /** Rows written before sets were recorded that belong to this set and must be labelled. */
  legacy: number;
  /** How many rows each other set has in the journal. */
  otherSets: Record<string, number>;
}

/**
 * Picks a set's rows out of a journal several folders may share, and refuses the two states in which
 * that would lie: rows from before sets existed that are not all this folder's (another folder wrote
 * them: running would take its names for ours), and this folder's files journaled under another set
 * name (the set was renamed: running would apply everything again).
 */
export function rowsOfSet(all: readonly JournalRow[], set: string, files: readonly MigrationFile[], journal: string): SetRows {
  const names = new Set(files.map((f) => f.name));
  const legacy = all.filter((r) => r.set === null);
  const foreign = legacy.filter((r) => !names.has(r.name)).map((r) => r.name);
  if (foreign.length > 0) {
    throw new MigrationSetError(
      `nothing was run: ${journal} holds migrations recorded before migration sets existed that are not in this ` +
        `folder: ${foreign.map((n) => `${n}.sql`).join(', ')}. Another migrations folder wrote them. Run that folder ` +
        `once with this version to label its rows, or give this folder its own journal (journal option, --journal, ` +
        'or "journal" in org-migrate.config.json).',
    );
  }
  const rows = [...all.filter((r) => r.set === set), ...legacy.map((r) => ({ ...r, set }))];
  const otherSets: Record<string, number> = {};
  for (const r of all) if (r.set !== null && r.set !== set) otherSets[r.set] = (otherSets[r.set] ?? 0) + 1;

  if (rows.length === 0) {
    const byChecksum = new Map(files.map((f) => [`${f.name}:${f.checksum}`, f]));
    const renamed = Object.keys(otherSets).find((other) => all.some((r) => r.set === other && byChecksum.has(`${r.name}:${r.checksum}`)));
    if (renamed !== undefined) {
      throw new MigrationSetError(
        `nothing was run: this folder's migrations are journaled in ${journal} under the set "${renamed}", ` +
          `not "${set}". If it is the same set (the folder was renamed or moved), pass set: "${renamed}" ` +
          `(CLI: --set ${renamed}, or "set" in org-migrate.config.json); otherwise give this folder its own journal.`,
      );
    }
  }
  return { rows, legacy: legacy.length, otherSets };
}
