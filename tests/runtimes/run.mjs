#!/usr/bin/env node
// Runs the fetch adapter with the GitHub, Stripe, Slack and Standard Webhooks receivers, from the
// built packages, on workerd (through miniflare, without nodejs_compat), Deno and Bun. Prints one
// line per runtime, then `runtimes: N passed, M failed`. Run `pnpm build` first.
//
//   node tests/runtimes/run.mjs [workerd|deno|bun ...]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);

const runtimes = {
  workerd: runWorkerd,
  deno: () =>
    runDirect(bin('deno'), [
      'run',
      '--quiet',
      '--no-prompt',
      '--allow-read',
      '--allow-env',
      'direct-entry.mjs',
    ]),
  bun: () => runDirect(bin('bun'), ['run', 'direct-entry.mjs']),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in runtimes));
if (unknown.length > 0) {
  console.error(`Unknown runtime ${unknown.join(', ')}. Available: ${Object.keys(runtimes).join(', ')}.`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (const name of wanted.length > 0 ? wanted : Object.keys(runtimes)) {
  const started = performance.now();
  let outcome;
  try {
    outcome = await runtimes[name]();
  } catch (error) {
    outcome = { error: error instanceof Error ? error.message : String(error) };
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (outcome.error) {
    failed++;
    console.log(`${name}: FAILED to run (${seconds} s): ${outcome.error}`);
    continue;
  }
  const bad = outcome.results.filter((result) => !result.ok);
  const ok = bad.length === 0 && outcome.results.length > 0;
  if (ok) passed++;
  else failed++;
  console.log(
    `${name} ${outcome.version}: ${ok ? 'ok' : 'FAILED'}, ${outcome.results.length - bad.length}/${outcome.results.length} checks, crypto path ${outcome.cryptoPath} (${seconds} s)`,
  );
  for (const result of bad) console.log(`  ✗ ${result.name}: ${result.detail}`);
}
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/**
 * Runs `direct-entry.mjs` under Deno or Bun twice, on the crypto path the core picks there
 * (node:crypto) and with it hidden (Web Crypto), and reads the JSON line each prints.
 */
function runDirect(command, args) {
  const version = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0)
    return { error: `${command} --version failed: ${version.stderr || version.error}` };
  const paths = [];
  const results = [];
  for (const extra of [[], ['--web']]) {
    const run = spawnSync(command, [...args, ...extra], { cwd: here, encoding: 'utf8', timeout: 120_000 });
    const line = run.stdout?.trim().split('\n').at(-1) ?? '';
    if (run.status !== 0 || !line.startsWith('{')) {
      return {
        error: `exit ${run.status}: ${(run.stderr || run.stdout || String(run.error)).trim().slice(-2000)}`,
      };
    }
    const outcome = JSON.parse(line);
    paths.push(outcome.cryptoPath);
    results.push(
      ...outcome.results.map((result) => ({ ...result, name: `${result.name} (${outcome.cryptoPath})` })),
    );
  }
  if (paths[1] !== 'web') results.push({ name: 'web path', ok: false, detail: `--web ran on ${paths[1]}` });
  const name = version.stdout
    .trim()
    .split('\n')[0]
    .replace(/^deno |\s*\(.*$/g, '');
  return { version: name, cryptoPath: paths.join(' and '), results };
}

/**
 * Bundles the worker from the built packages with esbuild (as Wrangler does) for a platform with no
 * Node built-ins, and runs it on workerd through miniflare without nodejs_compat: an import of a
 * `node:` module fails the bundle or the worker's start.
 */
async function runWorkerd() {
  const require = createRequire(import.meta.url);
  const esbuild = await import('esbuild');
  const { Miniflare } = await import('miniflare');
  const bundle = await esbuild.build({
    entryPoints: [join(here, 'worker-entry.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'import'],
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0].text,
    compatibilityDate: '2025-07-01',
    compatibilityFlags: [],
  });
  try {
    const { runChecks } = await import('./checks.mjs');
    const outcome = await runChecks(async (request) => {
      const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
      const response = await mf.dispatchFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body,
      });
      return new Response(await response.arrayBuffer(), {
        status: response.status,
        headers: response.headers,
      });
    });
    const workerd = createRequire(require.resolve('miniflare'))('workerd/package.json').version;
    return { version: workerd, ...outcome };
  } finally {
    await mf.dispose();
  }
}
