/**
 * The binary as a user runs it: `pnpm pack` of the command and of every workspace package it
 * depends on, installed with npm into a fresh folder outside the workspace, run through
 * `npx hookwire` in spawned processes on 127.0.0.1. Needs the packages built (`pnpm build`).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, tempDir } from './helpers.js';

const exec = promisify(execFile);
const packagesRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `{ github: '/…/packages/providers/github', … }`: every workspace package under packages/. */
function packageDirs(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const group of ['', 'adapters', 'providers', 'sending']) {
    for (const entry of readdirSync(join(packagesRoot, group), { withFileTypes: true })) {
      const manifest = join(packagesRoot, group, entry.name, 'package.json');
      if (entry.isDirectory() && existsSync(manifest)) {
        found[JSON.parse(readFileSync(manifest, 'utf8')).name.replace('@hookwire/', '')] = join(
          packagesRoot,
          group,
          entry.name,
        );
      }
    }
  }
  return found;
}
const dirs = packageDirs();

/** The workspace packages the CLI needs at run time, found through the manifests. */
function workspaceClosure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join(dirs[name]!, 'package.json'), 'utf8'));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (dep.startsWith('@hookwire/')) workspaceClosure(dep.slice('@hookwire/'.length), seen);
  }
  return seen;
}

async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

describe('npx hookwire, installed from the packed tarballs', () => {
  const work = tempDir('hookwire-cli-packed-');
  const app = join(work, 'app');
  const children: ChildProcess[] = [];
  const hookwire = (args: string[], env: Record<string, string> = {}) =>
    exec('npx', ['--no-install', 'hookwire', ...args], {
      cwd: app,
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    })
      .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
      .catch((error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }));

  beforeAll(async () => {
    const packages = [...workspaceClosure('cli')];
    const unbuilt = packages.filter((name) => !existsSync(join(dirs[name]!, 'dist')));
    if (unbuilt.length > 0) {
      throw new Error(
        `build first (pnpm build, or pnpm --filter @hookwire/<name> build): no dist/ in ${unbuilt.join(', ')}`,
      );
    }
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    mkdirSync(app);
    await inParallel(packages, 4, (name) =>
      exec('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dirs[name] }),
    );
    const packed = readdirSync(tarballs).map((file) => join(tarballs, file));
    expect(packed).toHaveLength(packages.length);
    await exec('npm', ['init', '-y'], { cwd: app });
    await exec(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packed],
      { cwd: app, maxBuffer: 1 << 24 },
    );
  }, 600_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  it('--help on the command and on every subcommand, with examples and the exit codes', async () => {
    const top = await hookwire(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: hookwire');
    for (const command of [
      'trigger',
      'verify',
      'listen',
      'replay',
      'send',
      'subscriptions',
      'subscriptions list',
      'subscriptions create',
      'subscriptions delete',
    ]) {
      const help = await hookwire([...command.split(' '), '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain('Examples:');
      expect(help.stdout, command).toContain(`$ hookwire ${command.split(' ')[0]}`);
    }
    expect((await hookwire(['trigger', '--help'])).stdout).toContain(
      'Exit codes: 0 success, 1 verification or delivery failure, 2 usage error.',
    );
  }, 90_000); // ten npx start-ups, each a second or more on a loaded machine

  it('a bad flag exits 2 and names the flag; a bad provider exits 2', async () => {
    const bad = await hookwire(['trigger', 'github', '--too', 'http://127.0.0.1:9/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--too'");
    expect(bad.stderr).toContain('--to');
    const missing = await hookwire(['listen', '--port']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'--port <port>' argument missing");
    const provider = await hookwire(['trigger', 'gitbub', '--to', 'http://127.0.0.1:9/']);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('unknown provider "gitbub"');
  });

  it('an unreachable --to exits 1 with a clear message', async () => {
    const port = await freePort();
    const result = await hookwire(['trigger', 'stripe', '--to', `http://127.0.0.1:${port}/webhooks`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `could not connect to http://127.0.0.1:${port}: connection refused. Is the server running and listening on that port?`,
    );
  });

  it('listen and trigger as two processes: one line per webhook; colours only when asked, never with NO_COLOR', async () => {
    const port = await freePort();
    const child = spawn(
      'npx',
      [
        '--no-install',
        'hookwire',
        'listen',
        '--provider',
        'shopify',
        '--secret',
        'shp',
        '--port',
        String(port),
        '--save-dir',
        join(work, 'saved'),
      ],
      {
        cwd: app,
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
      },
    );
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const until = Date.now() + 30_000;
    while (!output.includes('listening for shopify') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(output).toContain(`listening for shopify webhooks on http://127.0.0.1:${port}/`);

    const sent = await hookwire([
      'trigger',
      'shopify',
      'orders/create',
      '--to',
      `http://127.0.0.1:${port}/webhooks/shopify`,
      '--secret',
      'shp',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/^200 in \d+ ms$/m);
    expect(sent.stdout).not.toContain('\u001b[');
    const refused = await hookwire(
      ['trigger', 'shopify', '--to', `http://127.0.0.1:${port}/webhooks/shopify`, '--secret', 'other'],
      { FORCE_COLOR: '1' },
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('\u001b[31m401\u001b[0m');
    const plain = await hookwire(
      ['trigger', 'shopify', '--to', `http://127.0.0.1:${port}/webhooks/shopify`, '--secret', 'other'],
      { FORCE_COLOR: '1', NO_COLOR: '1' },
    );
    expect(plain.stdout).toMatch(/^401 in \d+ ms$/m);
    expect(plain.stdout + plain.stderr).not.toContain('\u001b[');

    while ((output.match(/\n\d\d:\d\d:\d\d {2}shopify/g) ?? []).length < 3 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(output).toMatch(/\d\d:\d\d:\d\d {2}shopify {2}orders\/create {2}id=\S+ {2}verified 200/);
    expect(output).toMatch(/rejected \(signature_mismatch\) 401/);
    expect(output).not.toContain('\u001b[');
    child.kill('SIGTERM');
  });
});
