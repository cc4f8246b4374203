#!/usr/bin/env node
// Sender throughput and matching, side by side in one run:
//   1. raw undici `request` POSTing the same bodies at the same concurrency (the ceiling),
//   2. @hookwire/sender with the in-memory store,
//   3. @hookwire/sender with the SQLite store (a WAL file in a temp folder),
// each delivering to a loopback subscriber running in its own process; then
//   4. the time to match one event against 100,000 subscriptions (memory and SQLite).
// Fair by construction: both sides use an undici Agent with the same keep-alive (4 s), unlimited
// connections per origin and no pipelining, at the same concurrency (50 in flight), to the same
// subscriber process; raw undici serialises its body per request as the sender does per event,
// but signs nothing and stores nothing. Publishing is outside the sender's timed part.
// Needs the built packages: `pnpm --filter @hookwire/sender --filter @hookwire/store-sqlite build`.
// Usage: node bench/sender-throughput.mjs [deliveries=20000] [concurrency=50] [rounds=3]
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSubscriber } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createSender, createMemoryStore } = await import(join(root, 'packages/sending/sender/dist/index.js'));
const { createSqliteStore } = await import(join(root, 'packages/sending/store-sqlite/dist/index.js'));
const { candidateFilters } = await import(join(root, 'packages/core/dist/index.js'));
const { Agent, request } = createRequire(join(root, 'packages/sending/sender/package.json'))('undici');

const [total = 20_000, concurrency = 50, rounds = 3] = process.argv.slice(2).map(Number);

function body(i) {
  return JSON.stringify({
    type: 'order.created',
    timestamp: new Date().toISOString(),
    data: { order: `ord_${i}`, amount: 4200, currency: 'EUR' },
  });
}

async function rawUndici(url) {
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const response = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'bench' },
          body: body(i),
        });
        await response.body.text();
        if (response.statusCode !== 204) throw new Error(`status ${response.statusCode}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMicros = cpuOf(cpu);
  await agent.close();
  return { perSecond: total / seconds, cpuPerDelivery: cpuMicros / total };
}

async function throughSender(url, makeStore) {
  let done = 0;
  let finished;
  const all = new Promise((resolve) => {
    finished = resolve;
  });
  const sender = createSender({
    store: makeStore(),
    allowPrivateNetwork: true,
    concurrency,
    perSubscriptionConcurrency: concurrency,
    pollIntervalMs: 50,
    onDeliverySucceeded: () => {
      if (++done === total) finished();
    },
    onDeliveryFailed: ({ delivery }) => {
      throw new Error(`delivery failed: ${delivery.lastError}`);
    },
  });
  await sender.createSubscription({ url, events: ['order.*'] });
  const publishStarted = performance.now();
  const batch = 500;
  for (let i = 0; i < total; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, total - i) }, (_, j) =>
        sender.publish({
          type: 'order.created',
          data: { order: `ord_${i + j}`, amount: 4200, currency: 'EUR' },
        }),
      ),
    );
  }
  const publishSeconds = (performance.now() - publishStarted) / 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await sender.start();
  await all;
  const seconds = (performance.now() - started) / 1000;
  const cpuMicros = cpuOf(cpu);
  await sender.close();
  return {
    perSecond: total / seconds,
    publishPerSecond: total / publishSeconds,
    cpuPerDelivery: cpuMicros / total,
  };
}

async function matching(store, label) {
  const count = 100_000;
  const kinds = 10_000;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const kind = `type${i % kinds}`;
    const events = i % 100 === 0 ? [`${kind}.*`] : [`${kind}.created`, `${kind}.updated`];
    const now = Date.now();
    await store.insertSubscription({
      id: `sub_${String(i).padStart(26, '0')}`,
      tenant: `tenant${i % 50}`,
      url: 'https://example.com/hook',
      events,
      secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: now }],
      headers: {},
      metadata: {},
      format: 'standard',
      disabled: false,
      createdAt: now,
      updatedAt: now,
    });
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const calls = 2000;
  let matched = 0;
  for (let i = 0; i < 200; i++) await store.findSubscriptions(candidateFilters(`type${i}.created`));
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) {
    matched += (await store.findSubscriptions(candidateFilters(`type${(i * 7919) % kinds}.created`))).length;
  }
  const perMatchMs = (performance.now() - t0) / calls;
  await store.close?.();
  return { label, perMatchMs, averageMatches: matched / calls, loadSeconds };
}

/** For `bench/run.mjs all`: one JSON line per figure in the file it names. */
function record(result) {
  if (process.env.HOOKWIRE_BENCH_RESULTS)
    appendFileSync(process.env.HOOKWIRE_BENCH_RESULTS, `${JSON.stringify(result)}\n`);
}

function cpuOf(start) {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hookwire-bench-'));
  const subscriber = await startSubscriber();
  const results = {
    raw: [],
    memory: [],
    sqlite: [],
    memoryPublish: [],
    sqlitePublish: [],
    rawCpu: [],
    memoryCpu: [],
    sqliteCpu: [],
  };
  try {
    await rawUndici(subscriber.url); // warm-up
    for (let round = 0; round < rounds; round++) {
      const raw = await rawUndici(subscriber.url);
      results.raw.push(raw.perSecond);
      results.rawCpu.push(raw.cpuPerDelivery);
      const memory = await throughSender(subscriber.url, createMemoryStore);
      results.memory.push(memory.perSecond);
      results.memoryPublish.push(memory.publishPerSecond);
      results.memoryCpu.push(memory.cpuPerDelivery);
      const sqlite = await throughSender(subscriber.url, () =>
        createSqliteStore(join(dir, `round${round}.db`)),
      );
      results.sqlite.push(sqlite.perSecond);
      results.sqlitePublish.push(sqlite.publishPerSecond);
      results.sqliteCpu.push(sqlite.cpuPerDelivery);
      console.error(
        `round ${round + 1}: raw ${raw.perSecond.toFixed(0)}/s ${raw.cpuPerDelivery.toFixed(0)} µs, memory ${memory.perSecond.toFixed(0)}/s ${memory.cpuPerDelivery.toFixed(0)} µs, sqlite ${sqlite.perSecond.toFixed(0)}/s ${sqlite.cpuPerDelivery.toFixed(0)} µs`,
      );
    }
    const matchMemory = await matching(createMemoryStore(), 'memory');
    const matchSqlite = await matching(createSqliteStore(join(dir, 'match.db')), 'sqlite');

    const raw = median(results.raw);
    const rawCpu = median(results.rawCpu);
    // Ratios are the median of the per-round ratios: each round's contenders ran back to back,
    // under the same load, so a ratio holds better than either figure on a busy machine.
    const paired = (values, of) => median(values.map((value, round) => of(value, round)));
    const rowOf = (name, key) => ({
      name,
      perSecond: median(results[key]),
      cpuUs: median(results[`${key}Cpu`]),
      ratio: paired(results[key], (value, round) => value / results.raw[round]),
      cpuRatio: paired(results[`${key}Cpu`], (cpu, round) => results.rawCpu[round] / cpu),
      publish: results[`${key}Publish`] ? median(results[`${key}Publish`]) : undefined,
    });
    const rows = [
      rowOf('raw undici request', 'raw'),
      rowOf('@hookwire/sender + memory store', 'memory'),
      rowOf('@hookwire/sender + SQLite store', 'sqlite'),
    ];
    console.log(
      `\nNode ${process.version}, ${total} deliveries per run, concurrency ${concurrency}, median of ${rounds} rounds (ratios: median of the per-round ratios)\n`,
    );
    console.log(
      '| path | deliveries/s | of raw undici | CPU per delivery | raw CPU / this CPU | publish/s |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.perSecond.toFixed(0)} | ${(r.ratio * 100).toFixed(0)} % | ${r.cpuUs.toFixed(0)} µs | ${(r.cpuRatio * 100).toFixed(0)} % | ${r.publish ? r.publish.toFixed(0) : '—'} |`,
      );
    }
    const [, memoryRow, sqliteRow] = rows;
    record({ row: 'raw undici', perSecond: raw, cpuUs: rawCpu });
    for (const [label, r] of [
      ['sender + memory', memoryRow],
      ['sender + SQLite', sqliteRow],
    ])
      record({ row: label, perSecond: r.perSecond, cpuUs: r.cpuUs, ratio: r.ratio, cpuRatio: r.cpuRatio });
    console.log('\n| store | match one event among 100,000 subscriptions | subscriptions matched |');
    console.log('|---|---|---|');
    for (const m of [matchMemory, matchSqlite]) {
      console.log(`| ${m.label} | ${(m.perMatchMs * 1000).toFixed(1)} µs | ${m.averageMatches.toFixed(1)} |`);
    }
  } finally {
    subscriber.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
