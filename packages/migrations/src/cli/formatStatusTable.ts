import type { MigrationStatusEntry } from '../run/planMigrations.ts';

/** A plain-text table of a status, one migration a row. */
export function formatStatusTable(entries: readonly MigrationStatusEntry[]): string {
  const header = ['migration', 'state', 'applied at', 'took'];
  const rows = entries.map((e) => [
    e.name,
    e.state + (e.adopted ? ' (adopted)' : ''),
    e.appliedAt ? e.appliedAt.toISOString().replace('T', ' ').slice(0, 19) : '-',
    e.durationMs !== undefined && !e.adopted ? `${e.durationMs} ms` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
