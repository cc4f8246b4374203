#!/usr/bin/env node
// Adapters against a hand-written route doing the same job (read the raw body, HMAC-SHA256 check of
// GitHub's signature in constant time, JSON.parse, answer 200 `{"ok":true}`): Fastify
// (`fastifyWebhooks` with a GitHub receiver) and Express (`expressWebhooks`). Both routes of a
// framework are served by one server process and loaded by this one in alternated rounds; the
// figure is the server's CPU time per request (so other work on the machine does not count), and
// the ratio is hand-written CPU / adapter CPU (1.0: as cheap as the hand-written route), the median
// of the per-round ratios. Before measuring, both routes are checked to do the same work: the same
// answer to the same signed request, and 401 to a bad signature.
// Needs the built core, github, node-http, fastify and express packages.
// Usage: node bench/adapters.mjs [requests per round=1000] [rounds=30] [server processes=3] [frameworks=fastify,express]
//        node bench/adapters.mjs --profile [fastify|express] [requests=20000]
//          CPU profile of each route alone (its own server process, after a warm-up): the
//          functions with the most self time (ADAPTERS_PROFILE_DIR=dir keeps the .cpuprofile files).
import { fork } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../scripts/workspace.mjs';

const dirs = packageDirs();
const load = (name) => import(join(dirs[name], 'dist/index.js'));
const SECRET = 'bench-secret';
const ROUTES = ['/hookwire', '/raw'];

/** The hand-written check: what an application would write without Hookwire. */
function verified(body, header) {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function fastifyServer() {
  const Fastify = createRequire(join(dirs.fastify, 'package.json'))('fastify');
  const { fastifyWebhooks } = await load('fastify');
  const { github } = await load('github');
  const app = Fastify({ logger: false });
  await app.register(fastifyWebhooks, { receiver: github({ secret: SECRET }), path: '/hookwire' });
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/raw', async (request, reply) => {
      if (!verified(request.body, request.headers['x-hub-signature-256'])) return reply.code(401).send();
      const event = JSON.parse(request.body.toString());
      return reply.code(200).send({ ok: event.action !== undefined });
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server.address().port;
}

async function expressServer() {
  const express = createRequire(join(dirs.express, 'package.json'))('express');
  const { expressWebhooks } = await load('express');
  const { github } = await load('github');
  const app = express();
  app.use('/hookwire', expressWebhooks(github({ secret: SECRET })));
  app.post('/raw', express.raw({ type: 'application/json' }), (req, res) => {
    if (!verified(req.body, req.headers['x-hub-signature-256'])) return res.status(401).end();
    const event = JSON.parse(req.body.toString());
    res.status(200).json({ ok: event.action !== undefined });
  });
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return server.address().port;
}

async function serve(framework) {
  const port = framework === 'fastify' ? await fastifyServer() : await expressServer();
  let session;
  process.on('message', async (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ cpuMs: (user + system) / 1000 });
    } else if (message === 'profile-start') {
      const { Session } = await import('node:inspector/promises');
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      process.send({ started: true });
    } else if (message === 'profile-stop') {
      const { profile } = await session.post('Profiler.stop');
      const keep = process.env.ADAPTERS_PROFILE_DIR;
      if (keep) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(join(keep, `${framework}-${process.pid}.cpuprofile`), JSON.stringify(profile));
      }
      process.send({ profile: topSelfTime(profile) });
    }
  });
  process.send(port);
}

/** Where a frame's code lives: a package, Node's own code, or V8 / native work. */
function placeOf(url) {
  if (url === '') return 'native (syscalls, GC, V8)';
  if (url.startsWith('node:')) return 'node internals';
  const hookwire = url.match(/\/packages\/(?:adapters\/|providers\/)?([^/]+)\//);
  if (hookwire) return `@hookwire/${hookwire[1]}`;
  const dependency = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1];
  return url.includes('/bench/') ? 'the bench route' : url;
}

/** Self time per function and per place, as shares of the busy (non-idle) samples, largest first. */
function topSelfTime(profile, count = 20) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map();
  const byPlace = new Map();
  const add = (map, key, dt) => map.set(key, (map.get(key) ?? 0) + dt);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    const file = url
      .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
      .replace(/^.*\/packages\//, '');
    add(byFunction, `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim(), dt);
    add(byPlace, placeOf(url), dt);
    total += dt;
  });
  const lines = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
  return [...lines(byFunction, count), '-- by place:', ...lines(byPlace, 12)];
}

// ----- the load (this process) -----

const body = Buffer.from(
  JSON.stringify({ action: 'opened', issue: { number: 1, title: 'Benchmark issue' }, repository: { id: 1 } }),
);
const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  'x-github-event': 'issues',
  'x-hub-signature-256': signature,
};
let sequence = 0;

/** POSTs the signed body; resolves with the status and the answer's text. */
function post(agent, port, path, extra = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'x-github-delivery': `d-${++sequence}`, ...extra },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function send(agent, port, path) {
  const { status } = await post(agent, port, path);
  if (status !== 200) throw new Error(`${path} answered ${status}`);
}

/** Both routes must do the same job: the same answer to a signed request, 401 to a bad signature. */
async function checkSameWork(framework, agent, port) {
  const answers = await Promise.all(ROUTES.map((path) => post(agent, port, path)));
  const forged = await Promise.all(
    ROUTES.map((path) => post(agent, port, path, { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })),
  );
  const [adapter, raw] = answers;
  if (adapter.status !== 200 || raw.status !== 200 || adapter.text !== raw.text)
    throw new Error(`${framework}: the routes answer differently: ${JSON.stringify(answers)}`);
  if (forged.some((answer) => answer.status !== 401))
    throw new Error(`${framework}: a route accepted a bad signature: ${JSON.stringify(forged)}`);
}

async function startServer(framework) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', framework], { stdio: 'inherit' });
  const port = await new Promise((resolve) => child.once('message', resolve));
  const ask = (message) =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send(message);
    });
  return { child, port, ask, cpu: async () => (await ask('cpu')).cpuMs };
}

/** Sends `count` requests over 16 connections; resolves with the server's CPU ms per request. */
async function round(server, agent, path, count) {
  let next = 0;
  const started = await server.cpu();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < count) await send(agent, server.port, path);
    }),
  );
  return ((await server.cpu()) - started) / count;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Alternated rounds of both routes, spread over `processes` server processes one after the other
 * (the JIT's choices differ from one process to the next, so one process alone can favour a route).
 */
async function compareRoutes(framework, perRound, rounds, processes) {
  const ratios = [];
  const per = { '/hookwire': [], '/raw': [] };
  for (let p = 0; p < processes; p++) {
    const server = await startServer(framework);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    await checkSameWork(framework, agent, server.port);
    // Warm-up: both routes until the JIT has settled (alternated, like the rounds).
    for (let i = 0; i < 3; i++) for (const path of ROUTES) await round(server, agent, path, 1000);
    const share = Math.ceil((rounds * (p + 1)) / processes) - Math.ceil((rounds * p) / processes);
    for (let r = 0; r < share; r++) {
      const order = r % 2 ? [...ROUTES].reverse() : ROUTES;
      const ms = {};
      for (const path of order) ms[path] = await round(server, agent, path, perRound);
      for (const path of ROUTES) per[path].push(ms[path]);
      ratios.push(ms['/raw'] / ms['/hookwire']);
      if (process.env.ADAPTERS_VERBOSE)
        console.log(
          `    process ${p} round ${r}: ${(ms['/hookwire'] * 1000).toFixed(1)} / ${(ms['/raw'] * 1000).toFixed(1)} µs = ${ratios.at(-1).toFixed(2)}`,
        );
    }
    agent.destroy();
    server.child.kill();
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  return {
    adapterUs: median(per['/hookwire']) * 1000,
    rawUs: median(per['/raw']) * 1000,
    ratio: median(ratios),
    // The middle half of the per-round ratios: how steady the figure was.
    ratioQ1: sorted[Math.floor((sorted.length - 1) / 4)],
    ratioQ3: sorted[Math.ceil((3 * (sorted.length - 1)) / 4)],
  };
}

async function profileRoutes(framework, requests) {
  for (const path of ROUTES) {
    const server = await startServer(framework);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    await checkSameWork(framework, agent, server.port);
    await round(server, agent, path, 3000);
    await server.ask('profile-start');
    const us = (await round(server, agent, path, requests)) * 1000;
    const { profile } = await server.ask('profile-stop');
    agent.destroy();
    server.child.kill();
    console.log(
      `\n${framework} ${path}: ${us.toFixed(1)} µs CPU/request (profiled); self time, % of busy samples`,
    );
    for (const line of profile) console.log(`  ${line}`);
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else if (process.argv[2] === '--profile') {
  await profileRoutes(process.argv[3] ?? 'fastify', Number(process.argv[4] ?? 20000));
} else {
  const [perRound = 1000, rounds = 30, processes = 3] = process.argv.slice(2, 5).map(Number);
  const frameworks = (process.argv[5] ?? 'fastify,express').split(',');
  console.log(
    `adapters against a hand-written raw-body + HMAC route (server CPU per request, medians of ${rounds} rounds of ${perRound} over ${processes} processes)`,
  );
  const results = {};
  for (const framework of frameworks) {
    const r = await compareRoutes(framework, perRound, rounds, processes);
    results[framework] = r;
    console.log(
      `  ${framework.padEnd(8)} adapter ${r.adapterUs.toFixed(1)} µs, hand-written ${r.rawUs.toFixed(1)} µs: ${r.ratio.toFixed(2)}x (middle half of rounds ${r.ratioQ1.toFixed(2)}–${r.ratioQ3.toFixed(2)})`,
    );
  }
  if (process.env.HOOKWIRE_BENCH_RESULTS) {
    const { appendFileSync } = await import('node:fs');
    for (const [framework, r] of Object.entries(results))
      appendFileSync(
        process.env.HOOKWIRE_BENCH_RESULTS,
        `${JSON.stringify({ row: `${framework} adapter`, ...r })}\n`,
      );
  }
}
