#!/usr/bin/env node
// Scale-out: PostgreSQL store + BullMQ queue, side by side in one run:
//   1. deliveries per second to a loopback subscriber with 1, 2 and 4 worker processes
//      (the steady rate between 10 % and 90 % of a pre-loaded backlog),
//   2. publish latency (p50, p99) with PostgreSQL, with BullMQ and with PostgreSQL as the queue.
// Needs PostgreSQL (HOOKWIRE_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and
// Redis (HOOKWIRE_BENCH_REDIS_URL, default redis://127.0.0.1:6379); each run uses its own schema and
// key prefix and removes them. Needs the built packages:
//   pnpm --filter @hookwire/core --filter @hookwire/sender --filter @hookwire/store-postgres --filter @hookwire/queue-bullmq build
// Usage: node bench/scale-throughput.mjs [events=2500] [subscriptions=4] [publishes=2000]
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../scripts/workspace.mjs';

const dirs = packageDirs();
const load = (name) => import(join(dirs[name], 'dist/index.js'));
const DATABASE = process.env.HOOKWIRE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.HOOKWIRE_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKER_CONCURRENCY = 50;

// ----- child processes -----

async function subscriber() {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
}

async function worker({ schema, prefix }) {
  const { createSender } = await load('sender');
  const { createPostgresStore } = await load('store-postgres');
  const { createBullmqQueue } = await load('queue-bullmq');
  const store = await createPostgresStore({ connectionString: DATABASE, schema, max: 10 });
  const queue = createBullmqQueue({
    connection: REDIS,
    prefix,
    perSubscriptionConcurrency: WORKER_CONCURRENCY,
    store,
  });
  const sender = createSender({
    store,
    queue,
    allowPrivateNetwork: true,
    concurrency: WORKER_CONCURRENCY,
    perSubscriptionConcurrency: WORKER_CONCURRENCY,
  });
  await sender.start();
  process.send('ready');
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await sender.close();
    process.exit(0);
  });
}

// ----- the run -----

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function deployment(names) {
  const { createSender } = await load('sender');
  const { createPostgresStore } = await load('store-postgres');
  const { createBullmqQueue } = await load('queue-bullmq');
  const store = await createPostgresStore({ connectionString: DATABASE, schema: names.schema, max: 10 });
  const queue = names.prefix
    ? createBullmqQueue({ connection: REDIS, prefix: names.prefix, store })
    : undefined;
  const sender = createSender({ store, ...(queue ? { queue } : {}), allowPrivateNetwork: true });
  return {
    store,
    queue,
    sender,
    async drop() {
      if (queue) {
        const client = await queue.queue.client;
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, { MATCH: `${names.prefix}:*`, COUNT: 1000 });
          cursor = next;
          if (keys.length > 0) await client.del(...keys);
        } while (cursor !== '0');
      }
      await store.pool.query(`DROP SCHEMA IF EXISTS "${names.schema}" CASCADE`);
      await sender.close();
    },
  };
}

let counter = 0;
const run = `hwbench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
const fresh = () => ({ schema: `${run}_${++counter}`, prefix: `${run}-${counter}` });

async function throughput(url, workers, events, subscriptions) {
  const names = fresh();
  const d = await deployment(names);
  for (let s = 0; s < subscriptions; s++)
    await d.sender.createSubscription({ url: `${url}/s${s}`, events: ['*'] });
  // Pre-load the backlog, 50 publishes at a time.
  for (let i = 0; i < events; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, events - i) }, (_, j) =>
        d.sender.publish({
          type: 'order.created',
          data: { order: `ord_${i + j}`, amount: 4200, currency: 'EUR' },
        }),
      ),
    );
  }
  const total = events * subscriptions;
  const children = Array.from({ length: workers }, () =>
    fork(fileURLToPath(import.meta.url), ['--worker', JSON.stringify(names)], { stdio: 'inherit' }),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));
  const marks = {};
  for (;;) {
    const { rows } = await d.store.pool.query(
      `SELECT count(*)::int AS n FROM "${names.schema}".deliveries WHERE status = 'succeeded'`,
    );
    const done = rows[0].n;
    const now = performance.now();
    if (marks.low === undefined && done >= total * 0.1) marks.low = { done, now };
    if (done >= total * 0.9) {
      marks.high = { done, now };
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const rate = (marks.high.done - marks.low.done) / ((marks.high.now - marks.low.now) / 1000);
  await Promise.all(
    children.map((child) => {
      child.send('stop');
      return new Promise((resolve) => child.once('exit', resolve));
    }),
  );
  await d.drop();
  return rate;
}

async function publishLatency(withQueue, count) {
  const names = fresh();
  const d = await deployment(withQueue ? names : { schema: names.schema });
  await d.sender.createSubscription({ url: 'http://127.0.0.1:9/never', events: ['order.*'] });
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await d.sender.publish({ type: 'order.created', data: { order: `ord_${i}`, amount: 4200 } });
    times.push(performance.now() - started);
  }
  await d.drop();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main(events = 2500, subscriptions = 4, publishes = 2000) {
  const sub = fork(fileURLToPath(import.meta.url), ['--subscriber'], { stdio: 'inherit' });
  process.on('exit', () => sub.kill());
  const port = await new Promise((resolve) => sub.once('message', resolve));
  const url = `http://127.0.0.1:${port}`;
  console.log(
    `scale-out: PostgreSQL + BullMQ, ${events} events x ${subscriptions} subscriptions per run, worker concurrency ${WORKER_CONCURRENCY}`,
  );
  const rates = {};
  for (const workers of [1, 2, 4]) {
    rates[workers] = await throughput(url, workers, events, subscriptions);
    console.log(
      `  ${workers} worker process${workers > 1 ? 'es' : ''}: ${Math.round(rates[workers])} deliveries/s`,
    );
  }
  const bull = await publishLatency(true, publishes);
  const pgQueue = await publishLatency(false, publishes);
  const ms = (value) => `${value.toFixed(2)} ms`;
  console.log(
    `  publish, PostgreSQL + BullMQ:   p50 ${ms(bull.p50)}, p99 ${ms(bull.p99)} (${publishes} sequential)`,
  );
  console.log(`  publish, PostgreSQL as queue:   p50 ${ms(pgQueue.p50)}, p99 ${ms(pgQueue.p99)}`);
  sub.kill();
}

const role = process.argv[2];
if (role === '--subscriber') await subscriber();
else if (role === '--worker') await worker(JSON.parse(process.argv[3]));
else await main(...process.argv.slice(2).map(Number));
