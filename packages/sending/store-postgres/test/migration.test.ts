import { createSender } from '@hookwire/sender';
import { makeDelivery, makeEvent, makeSubscription } from '@hookwire/sender/testing';
import { createPostgresStore } from '@hookwire/store-postgres';
import { DATABASE_URL, dropTestSchemas, freshSchema, usePostgres } from '@hookwire/store-postgres/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliveryValues,
  expectEventIdsPerTenant,
  expectMigratedAttempts,
  version1Rows,
} from '../../store-sqlite/test/version1-rows.js';
import { migrate } from '../src/schema.js';

let release: () => Promise<void>;
let pool: pg.Pool;

beforeAll(async () => {
  release = await usePostgres();
  pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
}, 130_000);

afterAll(async () => {
  await pool.end();
  await dropTestSchemas();
  await release();
});

/** A subscription and its filter rows as a schema before version 5 stored them (no payload filter). */
async function insertOldSubscription(
  s: string,
  sub: { id: string; tenant: string; events: readonly string[] },
): Promise<void> {
  await pool.query(`INSERT INTO ${s}.subscriptions (id, tenant, doc) VALUES ($1, $2, $3)`, [
    sub.id,
    sub.tenant,
    JSON.stringify(sub),
  ]);
  await pool.query(
    `INSERT INTO ${s}.subscription_filters (filter, subscription_id, tenant, disabled)
     SELECT f, $2, $3, false FROM unnest($1::text[]) f`,
    [sub.events, sub.id, sub.tenant],
  );
}

describe('PostgreSQL schema version 2 (event ids unique per tenant)', () => {
  it('migrates a version 1 schema and keeps its events, deliveries, outbox and subscriptions', async () => {
    const schema = freshSchema();
    const s = `"${schema}"`;
    await migrate(pool, schema, 1);
    const fixture = version1Rows();
    const { acme, globex, scoped, everyone, rows } = fixture;
    for (const sub of [acme, globex]) {
      await insertOldSubscription(s, sub);
    }
    for (const event of [scoped, everyone]) {
      await pool.query(
        `INSERT INTO ${s}.events (id, tenant, type, data, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [event.id, event.tenant ?? null, event.type, JSON.stringify(event.data), event.createdAt],
      );
    }
    for (const [, d] of rows) {
      await pool.query(
        `INSERT INTO ${s}.deliveries (id, event_id, subscription_id, tenant, event_type, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)`,
        deliveryValues(d),
      );
    }
    await pool.query(
      `INSERT INTO ${s}.outbox (id, tenant, type, data, created_at) VALUES ('o_1', NULL, 'a.b', 'null', 1)`,
    );

    const store = await createPostgresStore({ pool, schema });
    try {
      const versions = await pool.query(`SELECT version FROM ${s}.schema_migrations ORDER BY version`);
      expect(versions.rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.getEvent('order_1', 'acme')).toEqual(scoped);
      expect(await store.getEvent('order_1')).toBeUndefined();
      expect(await store.getEvent('order_2')).toEqual(everyone);
      const jobs = await store.loadJobs(rows.map(([, d]) => d.id));
      expect(jobs).toHaveLength(3);
      expect(jobs.map((job) => [job.delivery.id, job.event.data])).toEqual(
        expect.arrayContaining(rows.map(([event, d]) => [d.id, event.data])),
      );
      await expectEventIdsPerTenant(store, fixture);
      // An outbox entry without a tenant now belongs to the default tenant, as a publish does.
      const outbox = await pool.query(`SELECT id, tenant FROM ${s}.outbox`);
      expect(outbox.rows).toEqual([{ id: 'o_1', tenant: 'default' }]);
      expect(
        (await store.findSubscriptions(['*', 'invoice.paid', 'invoice.*'], 'acme')).map((x) => x.id),
      ).toEqual([acme.id]);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL schema version 3 (attempts name their subscription)', () => {
  it('keeps the attempts of a version 2 schema and counts them in the statistics', async () => {
    const schema = freshSchema();
    const s = `"${schema}"`;
    await migrate(pool, schema, 2);
    const subscription = makeSubscription({ tenant: 'acme' });
    const event = makeEvent({ tenant: 'acme' });
    const delivery = makeDelivery(event, subscription);
    await pool.query(`INSERT INTO ${s}.subscriptions (id, tenant, doc) VALUES ($1, $2, $3)`, [
      subscription.id,
      'acme',
      JSON.stringify(subscription),
    ]);
    await pool.query(
      `INSERT INTO ${s}.events (scope, id, tenant, type, data, created_at) VALUES ('acme', $1, 'acme', $2, $3, $4)`,
      [event.id, event.type, JSON.stringify(event.data), event.createdAt],
    );
    await pool.query(
      `INSERT INTO ${s}.deliveries (id, event_id, event_scope, subscription_id, tenant, event_type, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, 'acme', $3, 'acme', $4, 'succeeded', 2, $5, $5, $5)`,
      [delivery.id, event.id, subscription.id, event.type, event.createdAt],
    );
    await pool.query(
      `INSERT INTO ${s}.attempts (id, delivery_id, attempt, started_at, duration_ms, status)
       VALUES ('att_1', $1, 1, $2, 40, 500), ('att_2', $1, 2, $3, 20, 200)`,
      [delivery.id, event.createdAt - 1000, event.createdAt],
    );

    const store = await createPostgresStore({ pool, schema });
    try {
      const versions = await pool.query(`SELECT version FROM ${s}.schema_migrations ORDER BY version`);
      expect(versions.rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
      await expectMigratedAttempts(store, subscription.id, delivery.id, event.createdAt);
      const index = await pool.query(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'attempts_by_subscription'`,
        [schema],
      );
      expect(index.rows[0]?.indexdef).toMatch(/\(subscription_id, started_at\)/);
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL schema version 5 (filter rows carry the payload filter)', () => {
  it('fills the payload filter of existing filter rows from their documents, and publish matches on it', async () => {
    const schema = freshSchema();
    const s = `"${schema}"`;
    await migrate(pool, schema, 4);
    const filter = { total: { $gte: 100 } };
    const filtered = makeSubscription({ tenant: 'default', events: ['*', 'order.*'], filter });
    const plain = makeSubscription({ tenant: 'default', events: ['order.created'] });
    for (const sub of [filtered, plain]) {
      await insertOldSubscription(s, sub);
    }

    const store = await createPostgresStore({ pool, schema });
    try {
      const { rows } = await pool.query<{
        filter: string;
        subscription_id: string;
        payload_filter: string | null;
      }>(
        `SELECT filter, subscription_id, payload_filter FROM ${s}.subscription_filters ORDER BY filter, subscription_id`,
      );
      expect(
        rows.map((row) => [
          row.filter,
          row.subscription_id,
          row.payload_filter && JSON.parse(row.payload_filter),
        ]),
      ).toEqual([
        ['*', filtered.id, filter],
        ['order.*', filtered.id, filter],
        ['order.created', plain.id, null],
      ]);
      const sender = createSender({ store, now: () => 1_700_000_000_000 });
      const big = await sender.publish({ type: 'order.created', data: { total: 150 } });
      const small = await sender.publish({ type: 'order.created', data: { total: 50 } });
      expect([big.deliveries, small.deliveries]).toEqual([2, 1]);
      const page = await store.listDeliveries({ subscriptionId: filtered.id, limit: 10 });
      expect(page.items.map((d) => d.eventId)).toEqual([big.id]);
    } finally {
      await store.close();
    }
  });
});
