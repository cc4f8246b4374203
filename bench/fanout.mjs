#!/usr/bin/env node
// Fan-out: how long the event loop is blocked while one event is published to 10,000 matching
// subscriptions (and three such events at once), on SQLite and on PostgreSQL. The worst delay
// comes from `perf_hooks.monitorEventLoopDelay`; the same monitor over an idle second of the same
// process, just before, is printed beside it (on a shared machine the operating system's
// scheduling alone delays the loop by some milliseconds). Target: never more than 20 ms.
// Needs the built sender, store-sqlite and store-postgres, and PostgreSQL for the second half
// (HOOKWIRE_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; own schema, dropped).
// Usage: node bench/fanout.mjs [subscriptions=10000] [rounds=3]
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { packageDirs } from '../scripts/workspace.mjs';

const dirs = packageDirs();
const load = (name) => import(join(dirs[name], 'dist/index.js'));
const DATABASE = process.env.HOOKWIRE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const [subscriptions = 10_000, rounds = 3] = process.argv.slice(2).map(Number);

const { createSender } = await load('sender');

async function worstDelay(work) {
  const monitor = monitorEventLoopDelay({ resolution: 1 });
  monitor.enable();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  monitor.disable();
  return { worst: monitor.max / 1e6, p99: monitor.percentile(99) / 1e6, ms };
}

async function measure(label, store) {
  const sender = createSender({
    store,
    allowPrivateNetwork: true,
    maxSubscriptionsPerTenant: subscriptions,
    maxFanOutPerEvent: subscriptions,
  });
  for (let i = 0; i < subscriptions; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, subscriptions - i) }, () =>
        sender.createSubscription({ url: 'http://127.0.0.1:9/hook', events: ['order.*'] }),
      ),
    );
  }
  const publish = () => sender.publish({ type: 'order.created', data: { order: 'ord_1', amount: 4200 } });
  await publish(); // warm-up
  const idle = await worstDelay(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  const one = [];
  for (let r = 0; r < rounds; r++) one.push(await worstDelay(publish));
  const three = await worstDelay(() => Promise.all([publish(), publish(), publish()]));
  const f = (value) => `${value.toFixed(1)} ms`;
  const worstOne = Math.max(...one.map((m) => m.worst));
  const medianMs = one.map((m) => m.ms).sort((a, b) => a - b)[one.length >> 1];
  console.log(
    `${label.padEnd(11)} idle worst ${f(idle.worst).padStart(8)} | one publish: worst ${f(worstOne).padStart(8)}, ` +
      `takes ${f(medianMs)} | three at once: worst ${f(three.worst)}, p99 ${f(three.p99)}, take ${f(three.ms)}`,
  );
  if (process.env.HOOKWIRE_BENCH_RESULTS) {
    const result = {
      row: `fan-out 10,000, ${label}`,
      idleWorst: idle.worst,
      worst: worstOne,
      threeWorst: three.worst,
    };
    appendFileSync(process.env.HOOKWIRE_BENCH_RESULTS, `${JSON.stringify(result)}\n`);
  }
  await sender.close();
}

console.log(`fan-out: one event to ${subscriptions} subscriptions, event-loop delay (monitorEventLoopDelay)`);
const { createSqliteStore } = await load('store-sqlite');
const dir = mkdtempSync(join(tmpdir(), 'hookwire-fanout-'));
await measure('SQLite', createSqliteStore(join(dir, 'fanout.sqlite')));
rmSync(dir, { recursive: true, force: true });

const { createPostgresStore } = await load('store-postgres');
const schema = `hwbench_fanout_${Date.now().toString(36)}`;
const store = await createPostgresStore({ connectionString: DATABASE, schema });
const pool = store.pool;
try {
  await measure('PostgreSQL', store);
} finally {
  const { default: pg } = await import(join(dirs['store-postgres'], 'node_modules/pg/lib/index.js'));
  const cleanup = new pg.Pool({ connectionString: DATABASE });
  await cleanup.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await cleanup.end();
  void pool;
}
console.log(
  `load: ${(await import('node:os'))
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
