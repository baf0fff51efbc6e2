// Shared by the bench scripts (not published): timing, medians, result files and the printed table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The median of a list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds of each of `times` runs of `fn`, after `warmup` unmeasured runs. */
export async function sample(fn: () => Promise<unknown>, times: number, warmup = Math.min(20, times)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

/**
 * Operations per second of two competitors measured in alternating rounds (A, B, A, B, …) so that
 * drift of a loaded machine hits both alike; the median round counts.
 */
export async function compareThroughput(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  options: { opsPerRound: number; rounds?: number },
): Promise<[number, number]> {
  const rounds = options.rounds ?? 7;
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < Math.min(200, options.opsPerRound); i++) {
    await a();
    await b();
  }
  for (let r = 0; r < rounds; r++) {
    for (const [fn, out] of [
      [a, ra],
      [b, rb],
    ] as const) {
      const started = performance.now();
      for (let i = 0; i < options.opsPerRound; i++) await fn();
      out.push((options.opsPerRound * 1000) / (performance.now() - started));
    }
  }
  return [median(ra), median(rb)];
}

/**
 * Operations per second of any number of contenders, measured in interleaved rounds (each round runs
 * every contender once, in turn) so that drift of a loaded machine hits all alike; medians per
 * contender, and the min–max over rounds of each contender's ratio to the first one (the baseline).
 */
export async function compareContenders<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  options: { opsPerRound: number; rounds?: number },
): Promise<{ median: Record<K, number>; ratioRange: Record<K, [number, number]> }> {
  const rounds = options.rounds ?? 7;
  const names = Object.keys(contenders) as K[];
  const perRound = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < Math.min(200, options.opsPerRound); i++) for (const n of names) await contenders[n]();
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const started = performance.now();
      for (let i = 0; i < options.opsPerRound; i++) await contenders[n]();
      perRound[n].push((options.opsPerRound * 1000) / (performance.now() - started));
    }
  }
  const base = perRound[names[0]!];
  const ratioRange = Object.fromEntries(
    names.map((n) => {
      const ratios = perRound[n].map((v, i) => v / base[i]!);
      return [n, [Math.min(...ratios), Math.max(...ratios)]];
    }),
  ) as Record<K, [number, number]>;
  return { median: Object.fromEntries(names.map((n) => [n, median(perRound[n])])) as Record<K, number>, ratioRange };
}

/** Writes results as JSON, creating the folder. */
export function writeResults(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, string | number>[]): void {
  const headers = Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => headers.map((h) => (typeof r[h] === 'number' ? formatNumber(r[h] as number) : String(r[h]))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (v: string[]) => v.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

function formatNumber(n: number): string {
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toFixed(3);
}
