#!/usr/bin/env node
// Consumer test: installs @hookwire/core, @hookwire/github and @hookwire/express as they would be
// published (`pnpm pack`), plus express, with npm into a fresh project outside the workspace, then
// verifies signed GitHub requests there from CommonJS (`require`) and from ES modules (`import`):
// through `github().receive()` and through a real Express server. Proves "install only what you
// need". Run after `pnpm build`; it removes its temporary project when done.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDirs } from './workspace.mjs';

const fixtures = fileURLToPath(new URL('./consumer-test/', import.meta.url));
// @hookwire/node-http is @hookwire/express's own dependency (the Node request/response plumbing it
// shares with the Koa and Fastify adapters); it is not published yet either, so it is packed too.
const PACKAGES = ['core', 'github', 'node-http', 'express'];
const dirs = packageDirs();
const EXPRESS = 'express@5';

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}) in ${cwd}\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

const unbuilt = PACKAGES.filter((name) => !existsSync(join(dirs[name], 'dist')));
if (unbuilt.length > 0) {
  console.error(
    `consumer test: build first (pnpm build); no dist/ in ${unbuilt.map((n) => dirs[n]).join(', ')}.`,
  );
  process.exit(1);
}

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'hookwire-consumer-'));
let passed = 0;
let failed = 0;
try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const name of PACKAGES) run('pnpm', ['pack', '--pack-destination', tarballs], dirs[name]);
  const packed = readdirSync(tarballs).map((file) => join(tarballs, file));

  const app = join(work, 'app');
  mkdirSync(app);
  run('npm', ['init', '-y'], app);
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packed, EXPRESS],
    app,
  );
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(app, file));

  for (const script of ['check-cjs.cjs', 'check-esm.mjs']) {
    const result = spawnSync(process.execPath, [script], { cwd: app, encoding: 'utf8' });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    const lines = result.stdout.split('\n');
    const ok = lines.filter((line) => line.startsWith('ok - ')).length;
    const notOk = lines.filter((line) => line.startsWith('not ok - ')).length;
    passed += ok;
    // A script that crashed before reporting counts as one failure.
    failed += notOk + (result.status !== 0 && notOk === 0 ? 1 : 0);
  }
} catch (error) {
  console.error(String(error.stack ?? error));
  failed++;
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `(${((Date.now() - started) / 1000).toFixed(1)} s, packages: ${PACKAGES.map((n) => `@hookwire/${n}`).join(', ')} + ${EXPRESS})`,
);
console.log(`consumer-test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
