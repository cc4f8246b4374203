import { candidateFilters } from '@hookwire/core';
import type { PayloadFilter, Subscription } from '@hookwire/sender';
import { makeSubscription } from '@hookwire/sender/testing';
import { createPostgresStore, type PostgresStore } from '@hookwire/store-postgres';
import { DATABASE_URL, freshSchema, holdPostgresForFile } from '@hookwire/store-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

holdPostgresForFile();

let store: PostgresStore;
const shards: Subscription[] = [];
let plain: Subscription;

beforeAll(async () => {
  store = await createPostgresStore({ connectionString: DATABASE_URL, schema: freshSchema(), max: 2 });
  for (let i = 0; i < 40; i++) {
    const events = i % 2 === 0 ? ['order.*'] : ['*', 'order.created'];
    shards.push(makeSubscription({ tenant: 'acme', events, filter: { shard: i % 4 } }));
  }
  plain = makeSubscription({ tenant: 'acme', events: ['order.*'] });
  for (const s of [...shards, plain]) await store.insertSubscription(s);
});

afterAll(async () => {
  await store.close();
});

/** `accepts` passing the shards given, and the filters it was asked about. */
function acceptsShards(...passing: number[]) {
  const asked: string[] = [];
  const accepts = (filter: PayloadFilter | string) => {
    asked.push(String(filter));
    return passing.includes(JSON.parse(String(filter)).shard);
  };
  return { asked, accepts };
}

const ids = (list: readonly { id: string }[]) => list.map((s) => s.id).sort();

describe("PostgreSQL findCandidates with a publish's `accepts`", () => {
  it('asks once per distinct payload filter and reads only the rows that pass, and those without one', async () => {
    const { asked, accepts } = acceptsShards(1);
    const found = await store.findCandidates(candidateFilters('order.created'), 'acme', undefined, accepts);
    expect(ids(found)).toEqual(ids([...shards.filter((s) => s.filter!.shard === 1), plain]));
    expect(asked.map((text) => JSON.parse(text)).sort((a, b) => a.shard - b.shard)).toEqual([
      { shard: 0 },
      { shard: 1 },
      { shard: 2 },
      { shard: 3 },
    ]);
    const passed = found.find((c) => c.id !== plain.id)!;
    expect([passed.tenant, JSON.parse(String(passed.filter))]).toEqual(['acme', { shard: 1 }]);
  });

  it('finds only the subscriptions without a filter when none passes, and every one when all pass', async () => {
    const none = await store.findCandidates(
      candidateFilters('order.created'),
      'acme',
      undefined,
      acceptsShards().accepts,
    );
    expect(ids(none)).toEqual([plain.id]);
    const all = await store.findCandidates(
      candidateFilters('order.created'),
      'acme',
      undefined,
      acceptsShards(0, 1, 2, 3).accepts,
    );
    expect(ids(all)).toEqual(ids([...shards, plain]));
  });

  it('honours the limit on the rows that pass', async () => {
    const found = await store.findCandidates(
      candidateFilters('order.created'),
      'acme',
      3,
      acceptsShards(2).accepts,
    );
    expect(found).toHaveLength(3);
    const allowed = new Set(ids([...shards.filter((s) => s.filter!.shard === 2), plain]));
    for (const c of found) expect(allowed.has(c.id)).toBe(true);
  });
});
