#!/usr/bin/env node
// Scale-out: PostgreSQL store + BullMQ queue, side by side in one run:
//   1. deliveries per second to a loopback subscriber with 1, 2 and 4 worker processes
//      (the steady rate between 10 % and 90 % of a pre-loaded backlog),
//   2. publish latency (p50, p99) with PostgreSQL, with BullMQ and with PostgreSQL as the queue.
// Needs PostgreSQL (HOOKWIRE_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and
// Redis (HOOKWIRE_BENCH_REDIS_URL, default redis://127.0.0.1:6379); each run uses its own schema and
// key prefix and removes them. Needs the built packages:
//   pnpm --filter @hookwire/core --filter @hookwire/sender --filter @hookwire/store-postgres --filter @hookwire/queue-bullmq build
// Per run it also prints, per delivery: the SQL statements the workers sent (counted at the client:
// pg_stat_statements is not loaded here), Redis script calls and commands (`INFO commandstats`
// deltas from before the backlog is published, so scheduling counts too; Redis is shared, so other
// clients' commands would count too: point HOOKWIRE_BENCH_REDIS_URL at a Redis of its own for
// exact figures) and CPU (worker, Redis).
// Usage: node bench/scale-throughput.mjs [events=2500] [subscriptions=4] [publishes=2000] [workerCounts=1,2,4]
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** Counts every statement this process sends to PostgreSQL (BEGIN and COMMIT included). */
function countStatements() {
  const pg = createRequire(join(dirs['store-postgres'], 'package.json'))('pg');
  const counter = { statements: 0 };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    counter.statements++;
    return query.apply(this, args);
  };
  return counter;
}

async function worker({ schema, prefix }) {
  const counter = countStatements();
  const { createSender } = await load('sender');
  const { createPostgresStore } = await load('store-postgres');
  const { createBullmqQueue } = await load('queue-bullmq');
  const store = await createPostgresStore({ connectionString: DATABASE, schema, max: 10 });
  const queue = prefix
    ? createBullmqQueue({
        connection: REDIS,
        prefix,
        perSubscriptionConcurrency: WORKER_CONCURRENCY,
        store,
      })
    : undefined;
  const sender = createSender({
    store,
    ...(queue ? { queue } : {}),
    allowPrivateNetwork: true,
    concurrency: WORKER_CONCURRENCY,
    perSubscriptionConcurrency: WORKER_CONCURRENCY,
  });
  await sender.start();
  const started = { statements: counter.statements, cpu: process.cpuUsage() };
  process.send('ready');
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    const cpu = process.cpuUsage(started.cpu);
    process.send({ statements: counter.statements - started.statements, cpuUs: cpu.user + cpu.system });
    await sender.close();
    process.exit(0);
  });
}

// ----- the run -----

/** For `bench/run.mjs all`: one JSON line per figure in the file it names. */
function record(result) {
  if (process.env.HOOKWIRE_BENCH_RESULTS)
    appendFileSync(process.env.HOOKWIRE_BENCH_RESULTS, `${JSON.stringify(result)}\n`);
}

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

/**
 * CPU (µs) used so far by every PostgreSQL process of this machine (Linux /proc; 0 elsewhere).
 * The server is shared: other clients' work counts too. Read before the workers disconnect.
 */
function postgresCpuUs() {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {}
    }
  } catch {
    return 0;
  }
  return (ticks * 1e6) / 100; // USER_HZ
}

/** Redis `INFO commandstats` and `INFO cpu`: script calls, every call, µs in commands, CPU seconds. */
async function redisStats(client) {
  const info = await client.info('commandstats');
  const stats = { evalsha: 0, calls: 0, usec: 0, cpuUs: 0 };
  for (const [, name, calls, usec] of info.matchAll(/cmdstat_([a-z|]+):calls=(\d+),usec=(\d+)/g)) {
    stats.calls += Number(calls);
    if (name === 'evalsha' || name === 'eval') stats.evalsha += Number(calls);
    // Commands run inside scripts are counted in the script's time as well as their own.
    if (name === 'evalsha' || name === 'eval' || !SCRIPTED.has(name)) stats.usec += Number(usec);
  }
  const cpu = await client.info('cpu');
  const seconds = (key) => Number(new RegExp(`${key}:([\\d.]+)`).exec(cpu)?.[1] ?? 0);
  stats.cpuUs = (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
  return stats;
}
// Commands that, in this run, only Lua scripts call (BullMQ's and the queue's own).
const SCRIPTED = new Set([
  'zadd',
  'zrem',
  'zcard',
  'zremrangebyscore',
  'zpopmin',
  'zscore',
  'pexpireat',
  'lrem',
  'lpush',
  'rpush',
  'rpoplpush',
  'lmove',
  'hset',
  'hmget',
  'hget',
  'hincrby',
  'xadd',
  'xtrim',
  'srem',
  'sadd',
  'pexpire',
  'set',
  'get',
  'del',
  'exists',
  'incr',
  'zrangebyscore',
  'zrange',
  'hdel',
  'lpop',
  'rpop',
  'llen',
  'hexists',
  'zcount',
  'zincrby',
  'publish',
  'expire',
  'ttl',
  'pttl',
  'type',
  'lrange',
  'hmset',
  'smembers',
  'scard',
  'lindex',
  'mget',
]);

async function throughput(url, workers, events, subscriptions, withQueue = true) {
  const names = withQueue ? fresh() : { schema: fresh().schema };
  const d = await deployment(names);
  for (let s = 0; s < subscriptions; s++)
    await d.sender.createSubscription({ url: `${url}/s${s}`, events: ['*'] });
  const redis = withQueue ? await d.queue.queue.client : undefined;
  // Redis figures count scheduling too (the publishes that pre-load the backlog): a delivery's
  // whole life in Redis is schedule + claim + settle.
  const redisBefore = redis ? await redisStats(redis) : undefined;
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
  const redisScheduled = redis ? await redisStats(redis) : undefined;
  const postgresBefore = postgresCpuUs();
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
  // Let the rest finish, so that per-delivery figures cover every delivery of the backlog.
  for (;;) {
    const { rows } = await d.store.pool.query(
      `SELECT count(*)::int AS n FROM "${names.schema}".deliveries WHERE status = 'succeeded'`,
    );
    if (rows[0].n >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const redisAfter = redis ? await redisStats(redis) : undefined;
  const postgresUs = postgresCpuUs() - postgresBefore;
  const reports = await Promise.all(
    children.map((child) => {
      const report = new Promise((resolve) => child.once('message', resolve));
      child.send('stop');
      return Promise.all([report, new Promise((resolve) => child.once('exit', resolve))]).then(([r]) => r);
    }),
  );
  await d.drop();
  const sum = (key) => reports.reduce((acc, r) => acc + r[key], 0);
  const perDelivery = {
    statements: sum('statements') / total,
    workerCpuUs: sum('cpuUs') / total,
    postgresCpuUs: postgresUs / total,
  };
  if (redisBefore) {
    perDelivery.scripts = (redisAfter.evalsha - redisBefore.evalsha) / total;
    perDelivery.scheduleScripts = (redisScheduled.evalsha - redisBefore.evalsha) / total;
    perDelivery.scheduleUsec = (redisScheduled.usec - redisBefore.usec) / total;
    perDelivery.redisCalls = (redisAfter.calls - redisBefore.calls) / total;
    perDelivery.redisUsec = (redisAfter.usec - redisBefore.usec) / total;
    perDelivery.redisCpuUs = (redisAfter.cpuUs - redisBefore.cpuUs) / total;
  }
  return { rate, perDelivery };
}

function describe(perDelivery) {
  const f = (value, digits = 2) => value.toFixed(digits);
  let line = `${f(perDelivery.statements)} SQL statements, worker CPU ${f(perDelivery.workerCpuUs, 0)} µs, PostgreSQL CPU ${f(perDelivery.postgresCpuUs, 0)} µs`;
  if (perDelivery.scripts !== undefined) {
    line += `; Redis: ${f(perDelivery.scripts)} script calls (${f(perDelivery.scheduleScripts)} of them scheduling; ${f(perDelivery.redisCalls)} commands incl. inside scripts), `;
    line += `${f(perDelivery.redisUsec, 1)} µs in commands (${f(perDelivery.scheduleUsec, 1)} scheduling), ${f(perDelivery.redisCpuUs, 1)} µs Redis process CPU`;
  }
  return `${line} per delivery`;
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

async function main(events = 2500, subscriptions = 4, publishes = 2000, workerCounts = [1, 2, 4]) {
  const sub = fork(fileURLToPath(import.meta.url), ['--subscriber'], { stdio: 'inherit' });
  process.on('exit', () => sub.kill());
  const port = await new Promise((resolve) => sub.once('message', resolve));
  const url = `http://127.0.0.1:${port}`;
  console.log(
    `scale-out: PostgreSQL + BullMQ, ${events} events x ${subscriptions} subscriptions per run, worker concurrency ${WORKER_CONCURRENCY}`,
  );
  const rates = {};
  for (const workers of workerCounts) {
    const { rate, perDelivery } = await throughput(url, workers, events, subscriptions);
    rates[workers] = rate;
    record({
      row: `PostgreSQL + BullMQ, ${workers} worker${workers > 1 ? 's' : ''}`,
      perSecond: rate,
      ...perDelivery,
    });
    console.log(
      `  ${workers} worker process${workers > 1 ? 'es' : ''}: ${Math.round(rate)} deliveries/s; ${describe(perDelivery)}`,
    );
  }
  const own = await throughput(url, 1, events, subscriptions, false);
  record({ row: 'PostgreSQL as its own queue, 1 worker', perSecond: own.rate, ...own.perDelivery });
  console.log(
    `  PostgreSQL as its own queue, 1 worker process: ${Math.round(own.rate)} deliveries/s; ${describe(own.perDelivery)}`,
  );
  const bull = await publishLatency(true, publishes);
  const pgQueue = await publishLatency(false, publishes);
  record({ row: 'publish, PostgreSQL + BullMQ', ...bull });
  record({ row: 'publish, PostgreSQL as queue', ...pgQueue });
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
else {
  const [events, subscriptions, publishes, counts] = process.argv.slice(2);
  await main(
    Number(events ?? 2500),
    Number(subscriptions ?? 4),
    Number(publishes ?? 2000),
    counts ? counts.split(',').map(Number) : undefined,
  );
}
