import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor as until } from '@hookwire/sender/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../../', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/crash-child.mjs', import.meta.url));

// The child process loads the built packages, as an application would; build what is missing.
function ensureBuilt(name: string): void {
  if (!existsSync(join(packages, name, 'dist', 'index.js'))) {
    execFileSync('npx', ['tsup'], { cwd: join(packages, name), stdio: 'ignore' });
  }
}

let dir: string;
let server: Server;
let url: string;
let slow = true;
const received: string[] = [];
const acknowledged = new Set<string>();
const processes: ChildProcess[] = [];

beforeAll(async () => {
  for (const name of ['core', 'sending/sender', 'sending/store-sqlite']) ensureBuilt(name);
  dir = mkdtempSync(join(tmpdir(), 'hookwire-crash-'));
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = req.headers['webhook-id'] as string;
      received.push(id);
      const answer = () => {
        if (req.socket.destroyed) return; // the sender died before it could hear the answer
        acknowledged.add(id);
        res.writeHead(200).end();
      };
      // While the first process runs, hold answers so that deliveries are in flight when it dies.
      if (slow) setTimeout(answer, 3000);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}, 120_000);

afterAll(async () => {
  for (const p of processes) if (p.exitCode === null) p.kill('SIGKILL');
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function start(database: string, count: number) {
  const proc = spawn(process.execPath, [child, database, url, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  processes.push(proc);
  const published: string[] = [];
  let ready = false;
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('published ')) published.push(line.slice(10));
      if (line === 'ready') ready = true;
    }
  });
  return { proc, published, isReady: () => ready };
}

describe('crash safety', () => {
  it('delivers every published event after SIGKILL mid-delivery and a restart on the same file', async () => {
    const database = join(dir, 'crash.db');
    const first = start(database, 40);
    // Kill while publishing is still going on and deliveries are in flight (held by the subscriber).
    await until(() => first.published.length >= 10 && received.length >= 4, 30_000, 'deliveries in flight');
    first.proc.kill('SIGKILL');
    await new Promise((resolve) => first.proc.once('exit', resolve));
    const published = [...first.published];
    const inFlight = received.filter((id) => !acknowledged.has(id));
    expect(inFlight.length).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(published.length);

    slow = false;
    const second = start(database, 0);
    await until(() => published.every((id) => acknowledged.has(id)), 30_000, 'every published event');
    // At least once: what was in flight when the first process died was sent again, same webhook-id.
    for (const id of inFlight) expect(received.filter((r) => r === id).length).toBeGreaterThanOrEqual(2);
    second.proc.kill('SIGTERM');
    await new Promise((resolve) => second.proc.once('exit', resolve));
  }, 90_000);
});
