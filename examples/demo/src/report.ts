// Console output of the demo: sections, aligned tables and timed steps.

/** Prints a section heading. */
export function section(title: string): void {
  console.log(`\n== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

/** Prints rows as an aligned table. */
export function table(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) {
    console.log('  (none)');
    return;
  }
  const headers = Object.keys(rows[0]!);
  const cells = rows.map((r) => headers.map((h) => format(r[h])));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

function format(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (Array.isArray(value)) return value.join(',');
  const text = value === null || value === undefined ? '-' : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Runs a slow step with a progress line and its duration. */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  process.stdout.write(`  ${label} ... `);
  const started = performance.now();
  const result = await work();
  console.log(`done in ${Math.round(performance.now() - started)} ms`);
  return result;
}
