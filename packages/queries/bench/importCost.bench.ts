// Import cost of @org/queries against drizzle-orm/postgres-js: the serverless cold-start share a data
// layer adds. Each sample is a fresh Node process importing one module from the built dist, resolved
// from this package as a consumer's would be (`import` condition, never `@org/source`). Contenders run
// interleaved — every round runs each once, the order rotating — so drift of a shared machine hits all
// alike; medians per contender. Run after `pnpm build`: `pnpm --filter @org/queries bench:import-cost`.
// Writes bench/results/import-cost.json; IMPORT_COST_ROUNDS sets the rounds (default 21).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median, printTable, writeResults } from '../../../tooling/bench.ts';

/** What each contender stands for; `bare` is a Node start that imports nothing. */
const contenders = {
  bare: 'a Node start, no import',
  'drizzle-orm/postgres-js': 'the baseline: drizzle on postgres.js',
  '@org/queries': 'ours',
  '@org/schema': 'tables, relations and the (lazily built) zod schemas',
  '@org/migrations': 'the runner, engine parity and SQLSTATE names queries uses at run time',
  zod: 'zod alone (imported by @org/schema and @org/queries)',
  '@electric-sql/pglite': 'PGlite alone (imported by @org/queries: createDatabase returns the PGlite client synchronously)',
} as const;
type Contender = keyof typeof contenders;

const TARGET_RATIO = 1.5;
const rounds = Number(process.env.IMPORT_COST_ROUNDS ?? 21);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
for (const built of ['../schema/dist/index.js', '../migrations/dist/index.js', 'dist/index.js']) {
  if (!existsSync(new URL(`../${built}`, import.meta.url))) throw new Error(`${built} is missing: run pnpm build first`);
}

/** One fresh process: milliseconds of the `import()` itself, and of the whole process (start to exit). */
function sampleOnce(name: Contender): { importMs: number; processMs: number } {
  const code = name === 'bare' ? 'console.log(0)' : `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(performance.now() - t);`;
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: packageDir, env: { ...process.env, NODE_OPTIONS: '' } });
  return { importMs: Number(out.toString()), processMs: performance.now() - started };
}

const names = Object.keys(contenders) as Contender[];
const samples = Object.fromEntries(names.map((n) => [n, [] as { importMs: number; processMs: number }[]])) as Record<
  Contender,
  { importMs: number; processMs: number }[]
>;
for (const name of names) sampleOnce(name); // warm the file system cache, unmeasured
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length]!;
    samples[name].push(sampleOnce(name));
  }
}

const quartiles = (values: number[]): [number, number] => {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[Math.floor((sorted.length - 1) / 4)]!, sorted[Math.ceil(((sorted.length - 1) * 3) / 4)]!];
};
const bareProcessMs = median(samples.bare.map((s) => s.processMs));
const imports = Object.fromEntries(
  names.map((name) => {
    const importMs = samples[name].map((s) => s.importMs);
    const processMs = median(samples[name].map((s) => s.processMs));
    return [
      name,
      {
        what: contenders[name],
        medianMs: median(importMs),
        quartilesMs: quartiles(importMs),
        processMedianMs: processMs,
        overBareNodeMs: processMs - bareProcessMs,
      },
    ];
  }),
) as Record<Contender, { what: string; medianMs: number; quartilesMs: [number, number]; processMedianMs: number; overBareNodeMs: number }>;

// The ratio of each round (the two ran within one round, so they shared the machine's load then).
const roundRatios = samples['@org/queries'].map((s, i) => s.importMs / samples['drizzle-orm/postgres-js'][i]!.importMs);
const ours = imports['@org/queries'].medianMs;
const drizzle = imports['drizzle-orm/postgres-js'].medianMs;
const importCost = {
  ours,
  drizzle,
  ratio: ours / drizzle,
  ratioRange: [Math.min(...roundRatios), Math.max(...roundRatios)] as [number, number],
  target: TARGET_RATIO,
  met: ours / drizzle <= TARGET_RATIO,
};

writeResults(fileURLToPath(new URL('./results/import-cost.json', import.meta.url)), {
  machine: { node: process.version, cpus: cpus().length, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
  method: 'median import() ms in a fresh Node process per sample, from the built dist; contenders interleaved per round',
  rounds,
  importCost,
  imports,
});
printTable(
  names.map((name) => ({
    module: name,
    'import ms': imports[name].medianMs,
    'q1–q3': imports[name].quartilesMs.map((v) => v.toFixed(0)).join('–'),
    'process ms': imports[name].processMedianMs,
    'over bare ms': imports[name].overBareNodeMs,
  })),
);
console.log(
  `import cost: @org/queries ${ours.toFixed(0)} ms, drizzle-orm/postgres-js ${drizzle.toFixed(0)} ms: ${importCost.ratio.toFixed(2)}× ` +
    `(rounds ${importCost.ratioRange.map((r) => r.toFixed(2)).join('–')}; target ≤ ${TARGET_RATIO}× ${importCost.met ? 'met' : 'missed'}), load ${loadavg()[0]!.toFixed(2)}`,
);
