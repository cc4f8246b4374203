#!/usr/bin/env node
// Payload filters at fan-out, side by side in one run (issue 13's benchmark): publish + deliver
// throughput with 10,000 subscriptions to one event type, each with a payload filter that 1% of
// them match per event, against the same deliveries to 100 subscriptions without filters. Memory
// and SQLite stores; a loopback subscriber in its own process. Reports deliveries per second
// (wall clock from the first publish to the last delivery), the median of interleaved rounds, and
// the ratio (target: filtered at 80% or more of unfiltered).
// Needs the built packages: `pnpm --filter @hookwire/sender... --filter @hookwire/store-sqlite build`.
// Usage: node bench/payload-filter.mjs [events=200] [rounds=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDirs } from '../scripts/workspace.mjs';
import { startSubscriber } from './measure.mjs';

const dirs = packageDirs();
const SUBSCRIPTIONS = 10_000;
const SHARDS = 100; // each event matches SUBSCRIPTIONS / SHARDS subscriptions: 1%
const [events = 200, rounds = 3] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);

async function main() {
  const { createSender, createMemoryStore } = await import(join(dirs.sender, 'dist/index.js'));
  const { createSqliteStore } = await import(join(dirs['store-sqlite'], 'dist/index.js'));
  const subscriber = await startSubscriber();
  const { url } = subscriber;
  const work = mkdtempSync(join(tmpdir(), 'hookwire-bench-filter-'));
  let file = 0;
  const stores = {
    memory: () => createMemoryStore(),
    sqlite: () => createSqliteStore({ path: join(work, `bench-${++file}.db`) }),
  };

  async function run(makeStore, filtered) {
    const expected = events * (SUBSCRIPTIONS / SHARDS);
    let done = 0;
    let finished;
    const all = new Promise((resolve) => {
      finished = resolve;
    });
    const sender = createSender({
      store: makeStore(),
      allowPrivateNetwork: true,
      concurrency: 50,
      pollIntervalMs: 20,
      maxSubscriptionsPerTenant: SUBSCRIPTIONS,
      onDeliverySucceeded: () => {
        if (++done === expected) finished();
      },
      onDeliveryFailed: ({ delivery }) => {
        throw new Error(`delivery failed: ${delivery.lastError}`);
      },
    });
    const count = filtered ? SUBSCRIPTIONS : SUBSCRIPTIONS / SHARDS;
    for (let i = 0; i < count; i++) {
      await sender.createSubscription({
        url,
        events: ['order.created'],
        ...(filtered ? { filter: { shard: { $eq: i % SHARDS }, total: { $gte: 0 } } } : {}),
      });
    }
    await sender.start();
    const started = performance.now();
    for (let i = 0; i < events; i++) {
      const result = await sender.publish({
        type: 'order.created',
        data: { order: `ord_${i}`, shard: i % SHARDS, total: 4200 },
      });
      if (result.deliveries !== SUBSCRIPTIONS / SHARDS) {
        throw new Error(
          `event ${i} reached ${result.deliveries} subscriptions, not ${SUBSCRIPTIONS / SHARDS}`,
        );
      }
    }
    await all;
    const seconds = (performance.now() - started) / 1000;
    await sender.close();
    return expected / seconds;
  }

  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  console.log(
    `payload filters: ${events} events, each matching 1% of ${SUBSCRIPTIONS} filtered subscriptions vs ${SUBSCRIPTIONS / SHARDS} unfiltered (${(events * SUBSCRIPTIONS) / SHARDS} deliveries a run), ${rounds} interleaved rounds`,
  );
  try {
    for (const [name, makeStore] of Object.entries(stores)) {
      const plain = [];
      const filtered = [];
      for (let round = 0; round < rounds; round++) {
        plain.push(await run(makeStore, false));
        filtered.push(await run(makeStore, true));
      }
      const a = median(plain);
      const b = median(filtered);
      console.log(
        `${name.padEnd(7)} unfiltered ${a.toFixed(0).padStart(6)}/s   filtered ${b.toFixed(0).padStart(6)}/s   ratio ${(b / a).toFixed(2)} (target >= 0.80)`,
      );
    }
  } finally {
    subscriber.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
