import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSender, newId, type Sender } from '@hookwire/sender';
import { makeDelivery, makeEvent, makeSubscription, waitFor } from '@hookwire/sender/testing';
import { createPostgresStore, type PostgresStore, SCHEMA_VERSION } from '@hookwire/store-postgres';
import { DATABASE_URL, dropTestSchemas, freshSchema, usePostgres } from '@hookwire/store-postgres/testing';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const T0 = 1_700_000_000_000;
const closers: (() => Promise<unknown>)[] = [];

async function openStore(schema = freshSchema(), extra: { max?: number } = {}): Promise<PostgresStore> {
  const store = await createPostgresStore({ connectionString: DATABASE_URL, schema, max: extra.max ?? 3 });
  closers.push(() => store.close());
  return store;
}

let server: Server;
let release: () => Promise<void>;
let subscriberUrl: string;
const received: { id: string; body: string }[] = [];
let answer = 200;

beforeAll(async () => {
  release = await usePostgres();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ id: req.headers['webhook-id'] as string, body: Buffer.concat(chunks).toString() });
      res.writeHead(answer).end('ok\0nul');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  subscriberUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}, 130_000);

afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
  answer = 200;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dropTestSchemas();
  await release();
});

function senderOn(store: PostgresStore, options: Partial<Parameters<typeof createSender>[0]> = {}): Sender {
  const sender = createSender({
    store,
    allowPrivateNetwork: true,
    pollIntervalMs: 50,
    retrySchedule: [0.2, 0.2],
    jitter: 0,
    ...options,
  });
  closers.push(() => sender.stop());
  return sender;
}

describe('migrations', () => {
  it('run once when many processes start at the same time on a new schema', async () => {
    const schema = freshSchema();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(schema, { max: 1 })));
    const { rows } = await stores[0]!.pool.query(`SELECT version FROM "${schema}".schema_migrations`);
    expect(rows.map((row) => row.version).sort()).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    // Every store sees the same tables.
    await stores[1]!.insertSubscription(makeSubscription());
    expect((await stores[3]!.listSubscriptions({ limit: 10 })).items).toHaveLength(1);
  });

  it('refuses a schema name that would need quoting, and a schema newer than the package', async () => {
    await expect(createPostgresStore({ connectionString: DATABASE_URL, schema: 'bad"name' })).rejects.toThrow(
      /plain identifier/,
    );
    const schema = freshSchema();
    const store = await openStore(schema);
    await store.pool.query(`INSERT INTO "${schema}".schema_migrations (version) VALUES (99)`);
    await expect(createPostgresStore({ connectionString: DATABASE_URL, schema })).rejects.toThrow(
      /version 99, newer/,
    );
  });

  it('matches through the filter index, not a scan of subscriptions', async () => {
    const store = await openStore();
    const plan = await store.pool.query(
      `EXPLAIN SELECT subscription_id FROM "${store.schema}".subscription_filters WHERE filter = ANY($1::text[])`,
      [['*', 'invoice.*', 'invoice.paid']],
    );
    // On an empty table the planner may still choose a sequential scan; what matters is that an
    // index keyed by filter exists for it to use.
    const indexes = await store.pool.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'subscription_filters'`,
      [store.schema],
    );
    expect(plan.rows.length).toBeGreaterThan(0);
    expect(indexes.rows.map((row) => row.indexdef).join('\n')).toMatch(/\(filter, subscription_id\)/);
    // A publish matches within its tenant: an index keyed by (tenant, filter) serves it.
    expect(indexes.rows.map((row) => row.indexdef).join('\n')).toMatch(
      /\(tenant, filter\) WHERE \(NOT disabled\)/,
    );
  });
});

describe('the store as its own queue', () => {
  it('never leases one delivery to two workers claiming at the same time (SKIP LOCKED)', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([openStore(schema), openStore(schema)]);
    const subscription = makeSubscription();
    await a.insertSubscription(subscription);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const event = makeEvent();
      const delivery = makeDelivery(event, subscription);
      ids.push(delivery.id);
      await a.insertEvent(event, [delivery]);
    }
    const claimed: string[] = [];
    const worker = async (store: PostgresStore) => {
      for (;;) {
        const leases = await store.claim({ limit: 7, leaseMs: 60_000, now: T0 });
        if (leases.length === 0) return;
        claimed.push(...leases.map((lease) => lease.deliveryId));
      }
    };
    await Promise.all([worker(a), worker(b), worker(a), worker(b)]);
    expect(claimed).toHaveLength(200);
    expect(new Set(claimed)).toEqual(new Set(ids));
  });

  it('delivers through a sender, retries, and logs every attempt (NUL bytes in a response kept readable)', async () => {
    const store = await openStore();
    const sender = senderOn(store);
    await sender.start();
    await sender.createSubscription({ url: subscriberUrl, events: ['order.*'] });
    answer = 500;
    const { id } = await sender.publish({ type: 'order.created', data: { n: 1 } });
    await waitFor(() => received.filter((r) => r.id === id).length >= 1, 5000, 'first attempt');
    answer = 204;
    const [delivery] = (await store.pool.query(`SELECT id FROM "${store.schema}".deliveries`)).rows;
    await waitFor(
      async () => (await store.getDelivery(delivery.id))?.status === 'succeeded',
      5000,
      'the retry to succeed',
    );
    const attempts = await store.listAttempts(delivery.id);
    expect(attempts.map((a) => a.status)).toEqual([500, 204]);
    expect(attempts[0]!.responseExcerpt).toBe('ok\uFFFDnul');
    expect(JSON.parse(received.find((r) => r.id === id)!.body)).toMatchObject({ data: { n: 1 } });
  });
});

describe('outbox: publishing inside the application transaction', () => {
  async function withTransaction(store: PostgresStore, run: (client: pg.PoolClient) => Promise<void>) {
    const client = await store.pool.connect();
    try {
      await client.query('BEGIN');
      await run(client);
    } finally {
      client.release();
    }
  }

  /** A store with an `orders` table, and a running sender subscribed to `order.*`. */
  async function shopWithOrders() {
    const store = await openStore();
    await store.pool.query(`CREATE TABLE "${store.schema}".orders (id text PRIMARY KEY)`);
    const sender = senderOn(store);
    await sender.start();
    await sender.createSubscription({ url: subscriberUrl, events: ['order.*'] });
    return { store, sender };
  }

  it('delivers the event when the business change commits, woken by NOTIFY on commit', async () => {
    const { store, sender } = await shopWithOrders();
    // A poll interval far beyond the test: only the commit's notification can wake the relay.
    store.startOutboxRelay((input) => sender.publish(input), { pollIntervalMs: 600_000 });
    await waitFor(
      async () => {
        const { rows } = await store.pool.query(`SELECT 1 FROM pg_stat_activity WHERE query = $1`, [
          `LISTEN "hookwire_outbox_${store.schema}"`,
        ]);
        return rows.length === 1;
      },
      5000,
      'the relay to LISTEN',
    );

    let eventId = '';
    await withTransaction(store, async (client) => {
      await client.query(`INSERT INTO "${store.schema}".orders (id) VALUES ('ord_1')`);
      eventId = (await store.publishWith(client, { type: 'order.created', data: { order: 'ord_1' } })).id;
      // Not visible to anyone before the commit.
      expect(await store.getEvent(eventId, 'default')).toBeUndefined();
      await client.query('COMMIT');
    });
    await waitFor(() => received.some((r) => r.id === eventId), 5000, 'the committed event');
    // Without a tenant the entry goes to the default tenant, as publish does.
    expect(await store.getEvent(eventId, 'default')).toMatchObject({
      type: 'order.created',
      data: { order: 'ord_1' },
      tenant: 'default',
    });
    const left = await store.pool.query(`SELECT count(*)::int AS n FROM "${store.schema}".outbox`);
    expect(left.rows[0].n).toBe(0);
  });

  it('stores nothing when the business change rolls back', async () => {
    const { store, sender } = await shopWithOrders();
    const relay = store.startOutboxRelay((input) => sender.publish(input), { pollIntervalMs: 50 });
    let eventId = '';
    await withTransaction(store, async (client) => {
      await client.query(`INSERT INTO "${store.schema}".orders (id) VALUES ('ord_2')`);
      eventId = (await store.publishWith(client, { type: 'order.created', data: { order: 'ord_2' } })).id;
      await client.query('ROLLBACK');
    });
    await relay.wake();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await store.getEvent(eventId, 'default')).toBeUndefined();
    expect(received.some((r) => r.id === eventId)).toBe(false);
    const counts = await store.pool.query(
      `SELECT (SELECT count(*) FROM "${store.schema}".outbox)::int AS outbox,
              (SELECT count(*) FROM "${store.schema}".orders)::int AS orders`,
    );
    expect(counts.rows[0]).toEqual({ outbox: 0, orders: 0 });
  });

  it('publishes entries committed while no relay ran, once each, even with two relays', async () => {
    const store = await openStore();
    const sender = senderOn(store);
    await sender.createSubscription({ url: subscriberUrl, events: ['order.*'] });
    const ids: string[] = [];
    await withTransaction(store, async (client) => {
      for (let i = 0; i < 30; i++) {
        ids.push((await store.publishWith(client, { type: 'order.created', data: { i } })).id);
      }
      // Writing the same id again (a retried transaction) keeps one entry.
      await store.publishWith(client, { type: 'order.created', data: { i: 0 }, id: ids[0]! });
      await client.query('COMMIT');
    });
    store.startOutboxRelay((input) => sender.publish(input), { pollIntervalMs: 50, batchSize: 7 });
    store.startOutboxRelay((input) => sender.publish(input), { pollIntervalMs: 50, batchSize: 7 });
    await waitFor(
      async () =>
        (await store.pool.query(`SELECT count(*)::int AS n FROM "${store.schema}".events`)).rows[0].n === 30,
      5000,
      'every entry to be published',
    );
    const deliveries = await store.pool.query(`SELECT event_id FROM "${store.schema}".deliveries`);
    expect(deliveries.rows.map((row) => row.event_id).sort()).toEqual([...ids].sort());
  });

  it('keeps an entry the sender refuses, with the reason, and moves the others on', async () => {
    const store = await openStore();
    const sender = senderOn(store, { eventTypes: [{ name: 'order.created' }] });
    const errors: unknown[] = [];
    const relayStore = await createPostgresStore({
      connectionString: DATABASE_URL,
      schema: store.schema,
      max: 2,
      onError: (error) => errors.push(error),
    });
    closers.push(() => relayStore.close());
    let good = '';
    await withTransaction(store, async (client) => {
      await store.publishWith(client, { type: 'order.unknown', data: {} });
      good = (await store.publishWith(client, { type: 'order.created', data: {} })).id;
      await client.query('COMMIT');
    });
    await relayStore.startOutboxRelay((input) => sender.publish(input), { pollIntervalMs: 50 }).wake();
    await waitFor(async () => (await store.getEvent(good, 'default')) !== undefined, 5000, 'the valid entry');
    const { rows } = await store.pool.query(`SELECT type, error FROM "${store.schema}".outbox`);
    expect(rows).toEqual([{ type: 'order.unknown', error: expect.stringMatching(/^unknown_event_type: /) }]);
    expect(String(errors[0])).toMatch(/refused by the sender/);
  });

  it('checks its input before writing', async () => {
    const store = await openStore();
    const client = { query: async () => undefined };
    await expect(store.publishWith(client, { type: '' })).rejects.toThrow(/non-empty `type`/);
    // JSON.stringify's own TypeError: the entry is refused before anything is written.
    await expect(store.publishWith(client, { type: 'a.b', data: { n: 1n } })).rejects.toThrow(/BigInt/);
  });
});

describe('retention', () => {
  it('deletes old attempts and finished old events with their deliveries, never pending work', async () => {
    const store = await openStore();
    const subscription = makeSubscription();
    await store.insertSubscription(subscription);
    const DAY = 86_400_000;
    const publish = async (createdAt: number, status: 'pending' | 'succeeded' | 'failed') => {
      const event = makeEvent({ createdAt });
      const delivery = makeDelivery(event, subscription, { createdAt, status });
      await store.insertEvent(event, [delivery]);
      await store.recordAttempts([
        {
          deliveryId: delivery.id,
          attempt: {
            id: newId('att'),
            deliveryId: delivery.id,
            attempt: 1,
            startedAt: createdAt,
            durationMs: 1,
            status: 500,
          },
          status,
          nextAttemptAt: createdAt,
          updatedAt: createdAt,
        },
      ]);
      return { event, delivery };
    };
    const oldDone = await publish(T0 - 10 * DAY, 'succeeded');
    const oldFailed = await publish(T0 - 10 * DAY, 'failed');
    const oldPending = await publish(T0 - 10 * DAY, 'pending');
    const recent = await publish(T0, 'succeeded');

    const result = await store.prune(T0 - 7 * DAY);
    expect(result).toEqual({ attempts: 3, deliveries: 2, events: 2, outbox: 0 });
    expect(await store.getEvent(oldDone.event.id)).toBeUndefined();
    expect(await store.getDelivery(oldFailed.delivery.id)).toBeUndefined();
    expect(await store.getEvent(oldPending.event.id)).toBeDefined();
    expect(await store.getDelivery(oldPending.delivery.id)).toMatchObject({ status: 'pending' });
    expect(await store.listAttempts(oldPending.delivery.id)).toEqual([]);
    expect(await store.listAttempts(recent.delivery.id)).toHaveLength(1);
    expect(await store.prune(T0 - 7 * DAY)).toEqual({ attempts: 0, deliveries: 0, events: 0, outbox: 0 });
  });
  it('prunes on a schedule by the database clock (the store reads none of its own)', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({
      connectionString: DATABASE_URL,
      schema,
      max: 2,
      retention: { maxAgeMs: 3_600_000, intervalMs: 50 },
    });
    closers.push(() => store.close());
    const subscription = makeSubscription();
    await store.insertSubscription(subscription);
    // Created at T0 (2023): far older than an hour by the database's clock; the recent one is not.
    const old = makeEvent({ createdAt: T0 });
    const recent = makeEvent({ createdAt: Date.now() });
    await store.insertEvent(old, [makeDelivery(old, subscription, { status: 'succeeded' })]);
    await store.insertEvent(recent, [makeDelivery(recent, subscription, { status: 'succeeded' })]);
    await waitFor(
      async () => (await store.getEvent(old.id, old.tenant)) === undefined,
      10_000,
      'the old event pruned',
    );
    expect(await store.getEvent(recent.id, recent.tenant)).toEqual(recent);
  });
});
