#!/usr/bin/env node
// The inbox, side by side in one run:
//   1. acknowledged webhooks per second through Fastify: a GitHub receiver behind the SQLite inbox
//      (verify, store durably, then 200) against the same receiver without an inbox (verify, 200),
//      interleaved rounds, both served by one server process and loaded by another;
//   2. time to acknowledge (p50, p99) through the inbox at a light load (4 requests in flight);
//   3. processing rate of a no-op handler from one process on SQLite (a 20,000-event backlog).
// Needs the built packages: pnpm --filter @hookwire/core --filter @hookwire/github
//   --filter @hookwire/node-http --filter @hookwire/fastify --filter @hookwire/inbox build
// Usage: node bench/inbox.mjs [seconds per round=3] [rounds=3]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../scripts/workspace.mjs';

const dirs = packageDirs();
const load = (name, entry = 'index') => import(join(dirs[name], `dist/${entry}.js`));
const SECRET = 'bench-secret';
const BACKLOG = 20_000;

// ----- the server process: Fastify with /plain (receiver) and /inbox (receiver behind the inbox) -----

async function server(file) {
  const Fastify = createRequire(join(dirs.fastify, 'package.json'))('fastify');
  const { fastifyWebhooks } = await load('fastify');
  const { github } = await load('github');
  const { createInbox } = await load('inbox');
  const { createSqliteInboxStore } = await load('inbox', 'sqlite');
  const store = createSqliteInboxStore({ path: file });
  const inbox = createInbox({ receiver: github({ secret: SECRET }), store });
  const app = Fastify({ logger: false });
  await app.register(fastifyWebhooks, { receiver: github({ secret: SECRET }), path: '/plain' });
  await app.register(fastifyWebhooks, { handler: inbox, path: '/inbox' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send(app.server.address().port);
  process.on('message', async (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ cpuMs: (user + system) / 1000 });
      return;
    }
    if (message !== 'stop') return;
    const { items } = await inbox.list({ limit: 1 });
    await app.close();
    await store.close();
    process.send({ stored: items.length });
    process.exit(0);
  });
}

// ----- the processing process: a backlog on SQLite, drained by a no-op handler -----

async function processing(file) {
  const { createInbox, newInboxId } = await load('inbox');
  const { createSqliteInboxStore } = await load('inbox', 'sqlite');
  const { github } = await load('github');
  const store = createSqliteInboxStore({ path: file });
  const body = new Uint8Array(Buffer.from(JSON.stringify(payload(0))));
  const now = Date.now();
  for (let i = 0; i < BACKLOG; i += 1000) {
    const events = Array.from({ length: 1000 }, (_, j) => ({
      id: newInboxId(now),
      provider: 'github',
      name: 'issues.opened',
      deliveryId: `backlog-${i + j}`,
      dedupeKey: `backlog-${i + j}`,
      payload: payload(i + j),
      meta: {},
      request: {
        method: 'POST',
        url: 'http://127.0.0.1/inbox',
        headers: { 'x-github-event': 'issues' },
        body,
      },
      receivedAt: now,
    }));
    await store.insert(events);
  }
  let handled = 0;
  const inbox = createInbox({ receiver: github({ secret: SECRET }), store, concurrency: 256 });
  inbox.onAny(() => {
    handled++;
  });
  const started = performance.now();
  await inbox.drain();
  const seconds = (performance.now() - started) / 1000;
  const { items } = await inbox.list({ status: 'pending', limit: 1 });
  await store.close();
  process.send({ handled, seconds, pendingLeft: items.length });
}

// ----- the load generator (this process) -----

function payload(n) {
  return {
    action: 'opened',
    issue: { number: n, title: 'Benchmark issue' },
    repository: { id: 1, name: 'bench' },
  };
}

async function signedTemplate() {
  const { hmacHex } = await load('core');
  const body = Buffer.from(JSON.stringify(payload(1)));
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(body.length),
      'x-github-event': 'issues',
      'x-hub-signature-256': `sha256=${hmacHex('sha256', SECRET, body)}`,
    },
  };
}

let sequence = 0;

/** Sends one webhook with a fresh delivery id (the signature covers the body only); resolves to ms. */
function send(agent, port, path, template) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...template.headers, 'x-github-delivery': `d-${process.pid}-${++sequence}` },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`${path} answered ${response.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    request.on('error', reject);
    request.end(template.body);
  });
}

/** Keeps `inFlight` requests going for `seconds`; returns acknowledged requests per second and latencies. */
async function load_(port, path, template, { seconds, inFlight }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < end) latencies.push(await send(agent, port, path, template));
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { rate: latencies.length / elapsed, latencies };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);

async function main() {
  const seconds = Number(process.argv[2] ?? 3);
  const rounds = Number(process.argv[3] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'hookwire-bench-inbox-'));
  try {
    const child = fork(fileURLToPath(import.meta.url), ['--server', join(dir, 'ingest.db')], {
      stdio: 'inherit',
    });
    const port = await new Promise((resolve) => child.once('message', resolve));
    const template = await signedTemplate();
    const inFlight = 32;
    // Warm-up of both routes, then interleaved rounds.
    await load_(port, '/plain', template, { seconds: 1, inFlight });
    await load_(port, '/inbox', template, { seconds: 1, inFlight });
    const serverCpuMs = () =>
      new Promise((resolve) => {
        child.once('message', (reply) => resolve(reply.cpuMs));
        child.send('cpu');
      });
    const plain = [];
    const inbox = [];
    const plainCpu = [];
    const inboxCpu = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? ['/inbox', '/plain'] : ['/plain', '/inbox'];
      for (const path of order) {
        const before = await serverCpuMs();
        const { rate, latencies } = await load_(port, path, template, { seconds, inFlight });
        // Requests per CPU-second of the server: what the machine's other load does not distort.
        const perCpuSecond = (latencies.length * 1000) / ((await serverCpuMs()) - before);
        (path === '/plain' ? plain : inbox).push(rate);
        (path === '/plain' ? plainCpu : inboxCpu).push(perCpuSecond);
      }
    }
    const light = await load_(port, '/inbox', template, { seconds, inFlight: 4 });
    const lightPlain = await load_(port, '/plain', template, { seconds, inFlight: 4 });
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));

    const worker = fork(fileURLToPath(import.meta.url), ['--process', join(dir, 'process.db')], {
      stdio: 'inherit',
    });
    const processed = await new Promise((resolve) => worker.once('message', resolve));
    await new Promise((resolve) => worker.once('exit', resolve));

    const ratio = median(inbox.map((rate, i) => rate / plain[i]));
    const cpuRatio = median(inboxCpu.map((rate, i) => rate / plainCpu[i]));
    const fmt = (n) => Math.round(n).toLocaleString('en-US');
    console.log(
      `Acknowledged webhooks per second through Fastify, ${inFlight} in flight, median of ${rounds} rounds of ${seconds} s:`,
    );
    console.log(`  receiver alone (verify, 200)               ${fmt(median(plain))}/s`);
    console.log(`  receiver + SQLite inbox (store, then 200)  ${fmt(median(inbox))}/s`);
    console.log(
      `  inbox / receiver                           ${(ratio * 100).toFixed(0)} %   (target ≥ 60 %)`,
    );
    console.log('Per CPU-second of the server process (robust to other load on the machine):');
    console.log(`  receiver alone                             ${fmt(median(plainCpu))}/s`);
    console.log(`  receiver + SQLite inbox                    ${fmt(median(inboxCpu))}/s`);
    console.log(`  inbox / receiver                           ${(cpuRatio * 100).toFixed(0)} %`);
    console.log(`Time to acknowledge, 4 in flight (${fmt(light.latencies.length)} requests each):`);
    console.log(
      `  inbox     p50 ${percentile(light.latencies, 50).toFixed(2)} ms   p99 ${percentile(light.latencies, 99).toFixed(2)} ms   (target p99 < 5 ms)`,
    );
    console.log(
      `  receiver  p50 ${percentile(lightPlain.latencies, 50).toFixed(2)} ms   p99 ${percentile(lightPlain.latencies, 99).toFixed(2)} ms`,
    );
    console.log(
      `No-op handler, one process on SQLite: ${fmt(processed.handled)} events in ${processed.seconds.toFixed(2)} s = ${fmt(processed.handled / processed.seconds)}/s   (target ≥ 10,000/s; ${processed.pendingLeft} left pending)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--server') await server(process.argv[3]);
else if (process.argv[2] === '--process') await processing(process.argv[3]);
else await main();
