/**
 * `listen` in a real pseudo-terminal (util-linux `script`), as a person sees it: stdout is a TTY, so
 * the verdicts are coloured, and NO_COLOR turns the colours off. Runs the built binary (dist/).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, freePort, tempDir } from './helpers.js';

const binary = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ESC = '\u001b';

function startInTerminal(args: string[], env: Record<string, string>) {
  if (!existsSync(binary))
    throw new Error(`build the CLI first (pnpm --filter @hookwire/cli build): no ${binary}`);
  if (spawnSync('script', ['--version']).status !== 0)
    throw new Error('the terminal test needs `script` from util-linux');
  const command = [process.execPath, binary, ...args].map((word) => `'${word}'`).join(' ');
  // Unset, not empty: Node 22 and later warn on stderr when both names are present at all.
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...inherited } = process.env;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    detached: true,
    env: { ...inherited, TERM: 'xterm-256color', ...env },
  });
  let screen = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
  });
  return { child, screen: () => screen };
}

async function waitFor(check: () => boolean, what: string) {
  const until = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the terminal shows: colour codes applied, i.e. removed from the text. */
const visible = (text: string) => text.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '').replace(/\r/g, '');

describe('listen in a pseudo-terminal', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    if (running?.pid) process.kill(-running.pid, 'SIGTERM');
    running = undefined;
  });

  async function session(env: Record<string, string>) {
    const port = await freePort();
    const terminal = startInTerminal(
      [
        'listen',
        '--provider',
        'github',
        '--secret',
        'tty-secret',
        '--port',
        String(port),
        '--save-dir',
        tempDir(),
      ],
      env,
    );
    running = terminal.child;
    await waitFor(() => terminal.screen().includes('Ctrl+C stops'), 'listen to start');
    const url = `http://127.0.0.1:${port}/webhooks/github`;
    expect(
      (await cli(['trigger', 'github', 'issues.opened', '--to', url, '--secret', 'tty-secret'])).code,
    ).toBe(0);
    expect((await cli(['trigger', 'github', 'push', '--to', url, '--secret', 'not-it'])).code).toBe(1);
    await waitFor(() => terminal.screen().includes('hookwire verify github'), 'the rejected line');
    return terminal.screen();
  }

  it('shows one coloured line per webhook, readable once rendered', async () => {
    const screen = await session({});
    const lines = visible(screen).split('\n');
    console.log(`what the terminal showed:\n${lines.join('\n')}`);
    expect(lines[0]).toMatch(/^listening for github webhooks on http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\d\d:\d\d:\d\d {2}github {2}issues\.opened {2}id=[0-9a-f-]{36} {2}verified 200$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\d\d:\d\d:\d\d {2}github {2}- {2}id=- {2}rejected \(signature_mismatch\) 401$/),
    );
    expect(screen).toContain(`${ESC}[32mverified${ESC}[0m`);
    expect(screen).toContain(`${ESC}[31mrejected (signature_mismatch)${ESC}[0m`);
  });

  it('with NO_COLOR the same lines carry no colour codes', async () => {
    const screen = await session({ NO_COLOR: '1' });
    expect(screen).not.toContain(`${ESC}[`);
    expect(screen).toMatch(/github {2}issues\.opened {2}id=\S+ {2}verified 200/);
  });
});
