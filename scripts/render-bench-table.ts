// Renders packages/*/bench/results/*.json into the README's benchmark block. Run after `pnpm bench`.
import { readFileSync, writeFileSync } from 'node:fs';

const testing = JSON.parse(readFileSync('packages/testing/bench/results/testing.json', 'utf8'));
const queries = JSON.parse(readFileSync('packages/queries/bench/results/queries.json', 'utf8'));
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3));

const lines = [
  '**@org/testing** (PGlite; ratio to raw `BEGIN … ROLLBACK`, cold starts to a bare `new PGlite()`)',
  '',
  '| strategy | median ms | ratio |',
  '|---|---:|---:|',
  ...testing.results.map((r: { name: string; medianMs: number; ratioToRaw: number }) => `| ${r.name} | ${fmt(r.medianMs)} | ${fmt(r.ratioToRaw)} |`),
  '',
  `Per-test isolation overhead ${fmt(testing.targets.isolationOverheadMs)} ms over raw BEGIN/drizzle insert/ROLLBACK (target ≤ 0.3 ms), cold start ${fmt(testing.targets.coldStartRatio)}× bare (target ≤ 1.5×), worker RSS +${fmt(testing.targets.rssGrowthMbOver1000Tests)} MB over the first 1,000 tests (PGlite's WASM memory filling once; JS heap ${fmt(testing.targets.heapGrowthMbOver2000Tests ?? 0)} MB over 2,000) and +${fmt(testing.targets.rssGrowthMbOverNext1000Tests ?? Number.NaN)} MB over the next 1,000 (target flat, < 1 MB).`,
  '',
  "**@org/queries** (ratio = contender / raw driver, higher is better; per-round range of our ratio in brackets; drizzle = the same query through drizzle's builder, drizzle prep. = drizzle `.prepare()`)",
  '',
  '| engine | benchmark | unit | raw | ours | ratio | drizzle | drizzle prep. | target |',
  '|---|---|---|---:|---:|---:|---:|---:|---:|',
  ...queries.results.map(
    (r: {
      engine: string;
      name: string;
      unit: string;
      raw: number;
      ours: number;
      ratio: number;
      target: number;
      met: boolean;
      drizzle?: number;
      drizzlePrepared?: number;
      ratioRange?: [number, number];
    }) =>
      `| ${r.engine} | ${r.name} | ${r.unit} | ${fmt(r.raw)} | ${fmt(r.ours)} | ${fmt(r.ratio)}${r.ratioRange ? ` [${fmt(r.ratioRange[0])}–${fmt(r.ratioRange[1])}]` : ''} | ${r.drizzle ? fmt(r.drizzle / r.raw) : '—'} | ${r.drizzlePrepared ? fmt(r.drizzlePrepared / r.raw) : '—'} | ≥ ${r.target} ${r.met ? '✓' : '✗'} |`,
  ),
  ...(queries.importCost
    ? [
        '',
        `Import cost (fresh Node, median of 9): \`@org/queries\` ${fmt(queries.importCost.ours)} ms, \`drizzle-orm/postgres-js\` ${fmt(queries.importCost.drizzle)} ms: ${fmt(queries.importCost.ratio)}× (target ≤ ${queries.importCost.target}× ${queries.importCost.met ? '✓' : '✗'}).`,
      ]
    : []),
];
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('<!-- bench:start -->');
const end = readme.indexOf('<!-- bench:end -->');
writeFileSync('README.md', `${readme.slice(0, start)}<!-- bench:start -->\n${lines.join('\n')}\n${readme.slice(end)}`);
console.log('README benchmark table updated');
