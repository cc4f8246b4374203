#!/usr/bin/env node
// Adapters against a hand-written route doing the same job (read the raw body, HMAC-SHA256 check of
// GitHub's signature in constant time, JSON.parse, answer 200): Fastify (`fastifyWebhooks` with a
// GitHub receiver) and Express (`expressWebhooks`). Both routes of a framework are served by one
// server process and loaded by this one in interleaved rounds; the figure is the server's CPU time
// per request (so other work on the machine does not count), and the ratio is
// hand-written CPU / adapter CPU (1.0: as cheap as the hand-written route).
// Needs the built core, github, node-http, fastify and express packages.
// Usage: node bench/adapters.mjs [requests per round=3000] [rounds=5]
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
  process.send(port);
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send({ cpuMs: (user + system) / 1000 });
  });
}

// ----- the load (this process) -----

const body = Buffer.from(
  JSON.stringify({ action: 'opened', issue: { number: 1, title: 'Benchmark issue' }, repository: { id: 1 } }),
);
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  'x-github-event': 'issues',
  'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
};
let sequence = 0;

function send(agent, port, path) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'x-github-delivery': `d-${++sequence}` },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`${path} answered ${response.statusCode}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function compareRoutes(framework, perRound, rounds) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', framework], { stdio: 'inherit' });
  const port = await new Promise((resolve) => child.once('message', resolve));
  const cpu = () =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m.cpuMs));
      child.send('cpu');
    });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const round = async (path, count) => {
    let next = 0;
    const started = await cpu();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next++ < count) await send(agent, port, path);
      }),
    );
    return ((await cpu()) - started) / count; // server CPU ms per request
  };
  await round('/hookwire', 1000);
  await round('/raw', 1000);
  const ratios = [];
  const per = { hookwire: [], raw: [] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ['/raw', '/hookwire'] : ['/hookwire', '/raw'];
    const ms = {};
    for (const path of order) ms[path] = await round(path, perRound);
    per.hookwire.push(ms['/hookwire']);
    per.raw.push(ms['/raw']);
    ratios.push(ms['/raw'] / ms['/hookwire']);
  }
  agent.destroy();
  child.kill();
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  return { adapterUs: median(per.hookwire) * 1000, rawUs: median(per.raw) * 1000, ratio: median(ratios) };
}

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else {
  const [perRound = 3000, rounds = 5] = process.argv.slice(2).map(Number);
  console.log('adapters against a hand-written raw-body + HMAC route (server CPU per request, medians)');
  const results = {};
  for (const framework of ['fastify', 'express']) {
    const r = await compareRoutes(framework, perRound, rounds);
    results[framework] = r;
    console.log(
      `  ${framework.padEnd(8)} adapter ${r.adapterUs.toFixed(1)} µs, hand-written ${r.rawUs.toFixed(1)} µs: ${r.ratio.toFixed(2)}x`,
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
