import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { signGitHubRequest } from '@hookwire/github/testing';
// The shared side of the lock that queue-bullmq's restart test takes before restarting PostgreSQL.
import { usePostgres } from '@hookwire/store-postgres/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The scale-out shape of DESIGN.md: an `api` process and a `worker` process of the built demo share
// one PostgreSQL database and one Redis; an event published through the API is delivered by the worker.
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = `demo_roles_${randomBytes(4).toString('hex')}`;
const database = `postgres://postgres@127.0.0.1:5432/test?schema=${schema}`;
// A Redis database of its own keeps these jobs apart from other tests on the same server.
const redisUrl = 'redis://127.0.0.1:6379/7';
const token = 'roles-token';
const operatorToken = 'roles-operator-token';

const children: ChildProcess[] = [];
const outputs = { api: '', worker: '' };
let subscriber: Server;
const received: string[] = [];

function startRole(role: 'api' | 'worker', port: number): Promise<void> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOOKWIRE_ROLE: role,
      HOOKWIRE_DATABASE: database,
      HOOKWIRE_REDIS_URL: redisUrl,
      HOOKWIRE_API_TOKENS: `${token}=acme`,
      HOOKWIRE_OPERATOR_TOKEN: operatorToken,
      HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
      HOOKWIRE_RETRY_SCHEDULE: '1,1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    outputs[role] += chunk;
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk;
    outputs[role] += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('listening on')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${role} exited with ${code}: ${output}`));
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

// The roles run as real processes of the built demo: build it, and the packages it runs, when absent.
function ensureDemoBuilt(): void {
  if (existsSync(main)) return;
  try {
    execFileSync('npx', ['turbo', 'run', 'build', '--filter=@hookwire/demo...'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = String((error as { stdout?: Buffer }).stdout ?? '').slice(-2000);
    throw new Error(
      `apps/demo/dist/main.js is missing and building it failed; run \`pnpm build\` to see why.\n${output}`,
    );
  }
  if (!existsSync(main)) throw new Error('The demo build ran but wrote no apps/demo/dist/main.js.');
}

describe('demo roles on PostgreSQL and Redis', () => {
  let apiPort = 0;
  let workerPort = 0;
  let release: (() => Promise<void>) | undefined;

  beforeAll(ensureDemoBuilt, 600_000);
  beforeAll(async () => {
    release = await usePostgres();
  }, 130_000);

  beforeAll(async () => {
    subscriber = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString());
        res.writeHead(204).end();
      });
    }).listen(0, '127.0.0.1');
    await once(subscriber, 'listening');
    apiPort = await freePort();
    workerPort = await freePort();
    // The api process migrates the schema; the worker starts once it exists.
    await startRole('api', apiPort);
    await startRole('worker', workerPort);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
    subscriber?.close();
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    await release?.();
  });

  it('answers /healthz in both roles; only the api serves /api', async () => {
    expect((await fetch(`http://127.0.0.1:${apiPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${workerPort}/healthz`)).status).toBe(200);
    const onWorker = await fetch(`http://127.0.0.1:${workerPort}/api/subscriptions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(onWorker.status).toBe(404);
  });

  it('delivers, from the worker, an event published through the api', async () => {
    const address = subscriber.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`http://127.0.0.1:${apiPort}/api/subscriptions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url, events: ['order.*'] }),
    });
    expect(created.status).toBe(201);
    const published = await fetch(`http://127.0.0.1:${apiPort}/api/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'order.created', data: { id: 'ord_roles' } }),
    });
    expect(published.status).toBe(202);
    const until = Date.now() + 20_000;
    while (!received.some((body) => body.includes('ord_roles')) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received.some((body) => body.includes('ord_roles'))).toBe(true);
  }, 30_000);

  it('stores a webhook in the api process (inbox) and processes it in the worker (republished, delivered)', async () => {
    const address = subscriber.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/operator`;
    const created = await fetch(`http://127.0.0.1:${apiPort}/api/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, events: ['github.*'] }),
    });
    expect(created.status).toBe(201);
    const request = signGitHubRequest({
      secret: 'dev-github-secret',
      event: 'push',
      payload: { ref: 'refs/heads/roles' },
      deliveryId: `roles-${schema}`,
    });
    const answered = await fetch(`http://127.0.0.1:${apiPort}/webhooks/github`, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: request.body,
    });
    expect(answered.status).toBe(200);
    const until = Date.now() + 20_000;
    while (!received.some((body) => body.includes('refs/heads/roles')) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received.some((body) => body.includes('refs/heads/roles'))).toBe(true);
    expect(outputs.worker).toContain(`received github github.push (github_roles-${schema})`);
    expect(outputs.api).not.toContain('received github');
    const stored = await fetch(`http://127.0.0.1:${apiPort}/api/inbox/events?provider=github`, {
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    const page = (await stored.json()) as { items: { deliveryId: string; status: string }[] };
    expect(page.items).toEqual([
      expect.objectContaining({ deliveryId: `roles-${schema}`, status: 'processed' }),
    ]);
  }, 30_000);
});
