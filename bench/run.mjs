#!/usr/bin/env node
// Runs the benchmarks: `verify.mjs` and every `sender-*.mjs` in this folder, one process each (so
// that one's heap and JIT state do not colour the next), or only those named (any benchmark file
// here, e.g. `scale-throughput`, which needs PostgreSQL and Redis and so is not run by default):
//
//   pnpm build && pnpm bench                      the default set
//   node bench/run.mjs verify sender-throughput   some, by file name (".mjs" optional)
//   node bench/run.mjs all                        the performance issue's table in one run: sender-
//                                                 throughput, scale-throughput, fanout and adapters
//                                                 (needs PostgreSQL and Redis), then every row with
//                                                 its ratio and the machine's load
//
// The benchmarks import the BUILT packages (dist/), so run `pnpm build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../scripts/workspace.mjs';
import { summarise } from './summary.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dirs = packageDirs();

const NOT_BENCHMARKS = new Set(['run.mjs', 'measure.mjs', 'summary.mjs']);
const available = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && !NOT_BENCHMARKS.has(file))
  .sort((a, b) => (a === 'verify.mjs' ? -1 : b === 'verify.mjs' ? 1 : a.localeCompare(b)));
const defaults = available.filter((file) => file === 'verify.mjs' || file.startsWith('sender-'));

const ALL = ['sender-throughput.mjs', 'scale-throughput.mjs', 'fanout.mjs', 'adapters.mjs'];
const all = process.argv[2] === 'all';
const wanted = all
  ? ALL
  : process.argv.slice(2).map((name) => (name.endsWith('.mjs') ? name : `${name}.mjs`));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}.`);
  process.exit(2);
}

const unbuilt = ['core', 'github', 'stripe', 'standard-webhooks'].filter(
  (name) => !existsSync(`${dirs[name]}/dist/index.js`),
);
if (unbuilt.length > 0) {
  console.error(
    `Build the packages first (pnpm build): no dist/ in ${unbuilt.map((n) => dirs[n]).join(', ')}.`,
  );
  process.exit(2);
}

const resultsDir = all ? mkdtempSync(join(tmpdir(), 'hookwire-bench-')) : undefined;
const env = resultsDir
  ? { ...process.env, HOOKWIRE_BENCH_RESULTS: join(resultsDir, 'results.jsonl') }
  : process.env;
const loadBefore = loadavg();
let failed = 0;
for (const file of wanted.length > 0 ? wanted : defaults) {
  console.log(`\n=== ${file}\n`);
  const result = spawnSync(process.execPath, [`${here}${file}`], { stdio: 'inherit', env });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.status ?? result.signal}).`);
  }
}
if (resultsDir) {
  const file = join(resultsDir, 'results.jsonl');
  const results = existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
  rmSync(resultsDir, { recursive: true, force: true });
  const load = (values) => values.map((value) => value.toFixed(2)).join(' ');
  console.log(`\n=== summary (load average before: ${load(loadBefore)}, after: ${load(loadavg())})\n`);
  console.log(summarise(results));
}
process.exit(failed === 0 ? 0 : 1);
