import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signGitHubRequest } from '@hookwire/github/testing';
import { DATABASE_URL, dropTestSchemas, freshSchema, usePostgres } from '@hookwire/store-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const inboxDir = join(root, 'packages/inbox');
const child = fileURLToPath(new URL('./fixtures/crash-child.mjs', import.meta.url));
const TOTAL = 1000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// The child runs the BUILT package, as an application would: build it when dist/ is missing or older than src/.
function ensureBuilt(): void {
  const dist = join(inboxDir, 'dist', 'index.js');
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(join(inboxDir, 'src'))) return;
  execFileSync('pnpm', ['--filter', '@hookwire/inbox', 'build'], { cwd: root, stdio: 'ignore' });
}

let dir: string;
const processes: ChildProcess[] = [];
let releasePostgres: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'hookwire-inbox-crash-'));
}, 180_000);

afterAll(async () => {
  for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  if (releasePostgres) {
    await dropTestSchemas();
    await releasePostgres();
  }
});

function start(args: string[]): Promise<{ proc: ChildProcess; origin: string }> {
  const proc = spawn(process.execPath, [child, ...args], {
    cwd: inboxDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  processes.push(proc);
  return new Promise((resolve, reject) => {
    let buffer = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening (\d+)/.exec(buffer);
      if (match) resolve({ proc, origin: `http://127.0.0.1:${match[1]}` });
    });
    proc.once('exit', (code) => reject(new Error(`the child exited (${code}) before listening`)));
  });
}

const requests = Array.from({ length: TOTAL }, (_, n) =>
  signGitHubRequest({
    secret: 'crash-secret',
    event: 'issues',
    deliveryId: `crash-${n}`,
    payload: { action: 'opened', issue: { number: n } },
  }),
);

/** Posts the given webhooks, `parallel` at a time, recording the ids answered 2xx; stops early on `stop()`. */
async function postAll(origin: string, indexes: number[], acknowledged: Set<string>, parallel = 16) {
  let next = 0;
  const worker = async () => {
    while (next < indexes.length) {
      const request = requests[indexes[next++]!]!;
      try {
        const response = await fetch(`${origin}/webhooks/github`, {
          method: 'POST',
          headers: request.headers as Record<string, string>,
          body: request.body,
        });
        await response.arrayBuffer();
        if (response.status >= 200 && response.status < 300)
          acknowledged.add(request.headers['x-github-delivery'] as string);
      } catch {
        // The server died mid-request: not acknowledged, so the provider would send it again.
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

function processedIds(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function crashAndRestart(name: string, args: (log: string) => string[]) {
  const log = join(dir, `${name}.log`);
  appendFileSync(log, '');
  const acknowledged = new Set<string>();
  const first = await start(args(log));
  const all = requests.map((_, n) => n);
  const posting = postAll(first.origin, all, acknowledged);
  // Kill while webhooks are still arriving and acknowledged ones still wait to be processed.
  await until(
    () => acknowledged.size >= 300 && acknowledged.size - processedIds(log).length >= 20,
    60_000,
    'acknowledged webhooks waiting to be processed',
  );
  first.proc.kill('SIGKILL');
  await posting;
  const atKill = new Set(processedIds(log));
  const ackedAtKill = new Set(acknowledged);
  const backlog = [...ackedAtKill].filter((id) => !atKill.has(id));
  expect(ackedAtKill.size).toBeLessThan(TOTAL);
  expect(backlog.length).toBeGreaterThan(0);

  // After a restart on the same database the provider sends again what was never acknowledged.
  const second = await start(args(log));
  const unacknowledged = all.filter((n) => !acknowledged.has(`crash-${n}`));
  await postAll(second.origin, unacknowledged, acknowledged);
  expect(acknowledged.size).toBe(TOTAL);
  await until(
    () => {
      const done = new Set(processedIds(log));
      return [...acknowledged].every((id) => done.has(id));
    },
    60_000,
    'every acknowledged webhook to be processed',
  );
  second.proc.kill('SIGTERM');
  await new Promise((resolve) => second.proc.once('exit', resolve));

  const processed = processedIds(log);
  const counts = new Map<string, number>();
  for (const id of processed) counts.set(id, (counts.get(id) ?? 0) + 1);
  const duplicates = [...counts.values()].filter((count) => count > 1).length;
  console.log(
    `[inbox crash ${name}] acknowledged before the kill: ${ackedAtKill.size}, processed before it: ${atKill.size}, ` +
      `waiting at the kill: ${backlog.length}; after the restart all ${TOTAL} processed; duplicates: ${duplicates}`,
  );
  expect(counts.size).toBe(TOTAL);
  // At least once: only what was in flight (at most the child's `concurrency`, 4) may run twice.
  expect(duplicates).toBeLessThanOrEqual(4);
}

describe('crash safety', () => {
  it('SQLite: every acknowledged webhook is processed after SIGKILL mid-stream and a restart', async () => {
    const file = join(dir, 'crash.db');
    await crashAndRestart('sqlite', (log) => ['sqlite', file, log]);
  }, 150_000);

  it('PostgreSQL: every acknowledged webhook is processed after SIGKILL mid-stream and a restart', async () => {
    releasePostgres = await usePostgres();
    const schema = freshSchema();
    await crashAndRestart('postgres', (log) => ['postgres', DATABASE_URL, schema, log]);
  }, 150_000);
});
