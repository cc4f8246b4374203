#!/usr/bin/env node
// Runs the benchmarks: `verify.mjs` and every `sender-*.mjs` in this folder, one process each (so
// that one's heap and JIT state do not colour the next), or only those named (any benchmark file
// here, e.g. `scale-throughput`, which needs PostgreSQL and Redis and so is not run by default):
//
//   pnpm build && pnpm bench                      the default set
//   node bench/run.mjs verify sender-throughput   some, by file name (".mjs" optional)
//
// The benchmarks import the BUILT packages (dist/), so run `pnpm build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../scripts/workspace.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dirs = packageDirs();

const NOT_BENCHMARKS = new Set(['run.mjs', 'measure.mjs']);
const available = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && !NOT_BENCHMARKS.has(file))
  .sort((a, b) => (a === 'verify.mjs' ? -1 : b === 'verify.mjs' ? 1 : a.localeCompare(b)));
const defaults = available.filter((file) => file === 'verify.mjs' || file.startsWith('sender-'));

const wanted = process.argv.slice(2).map((name) => (name.endsWith('.mjs') ? name : `${name}.mjs`));
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

let failed = 0;
for (const file of wanted.length > 0 ? wanted : defaults) {
  console.log(`\n=== ${file}\n`);
  const result = spawnSync(process.execPath, [`${here}${file}`], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.status ?? result.signal}).`);
  }
}
process.exit(failed === 0 ? 0 : 1);
