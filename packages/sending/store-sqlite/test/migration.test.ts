import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSender } from '@hookwire/sender';
import { makeDelivery, makeEvent, makeSubscription } from '@hookwire/sender/testing';
import { createSqliteStore } from '@hookwire/store-sqlite';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../src/schema.js';
import {
  deliveryValues,
  expectEventIdsPerTenant,
  expectMigratedAttempts,
  version1Rows,
} from './version1-rows.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookwire-sqlite-migration-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite schema version 2 (event ids unique per tenant)', () => {
  it('opens a version 1 file and keeps its events, deliveries and subscriptions', async () => {
    const path = join(dir, 'v1.db');
    const v1 = new Database(path);
    migrate(v1, 1);
    const fixture = version1Rows();
    const { acme, globex, scoped, everyone, rows } = fixture;
    for (const s of [acme, globex]) {
      v1.prepare('INSERT INTO subscriptions (id, tenant, doc) VALUES (?, ?, ?)').run(
        s.id,
        s.tenant,
        JSON.stringify(s),
      );
      for (const filter of s.events) {
        v1.prepare(
          'INSERT INTO subscription_filters (filter, subscription_id, tenant, disabled) VALUES (?, ?, ?, 0)',
        ).run(filter, s.id, s.tenant);
      }
    }
    for (const [event] of [rows[0], rows[1]]) {
      v1.prepare('INSERT INTO events (id, tenant, type, data, created_at) VALUES (?, ?, ?, ?, ?)').run(
        event.id,
        event.tenant ?? null,
        event.type,
        JSON.stringify(event.data),
        event.createdAt,
      );
    }
    for (const [, d] of rows) {
      v1.prepare(
        `INSERT INTO deliveries (id, event_id, subscription_id, tenant, event_type, status, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      ).run(...deliveryValues(d));
    }
    v1.close();

    const store = createSqliteStore(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(5);
      expect(await store.getEvent('order_1', 'acme')).toEqual(scoped);
      expect(await store.getEvent('order_1')).toBeUndefined();
      expect(await store.getEvent('order_2')).toEqual(everyone);
      const jobs = await store.loadJobs(rows.map(([, d]) => d.id));
      expect(jobs.map((job) => [job.delivery.id, job.event.data])).toEqual(
        expect.arrayContaining(rows.map(([event, d]) => [d.id, event.data])),
      );
      expect(jobs).toHaveLength(3);
      await expectEventIdsPerTenant(store, fixture);
      expect(
        (await store.findSubscriptions(['*', 'invoice.paid', 'invoice.*'], 'acme')).map((s) => s.id),
      ).toEqual([acme.id]);
      const plan = store.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT subscription_id FROM subscription_filters
           WHERE tenant = ? AND filter IN (?, ?) AND disabled = 0`,
        )
        .all('acme', '*', 'invoice.paid') as { detail: string }[];
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/subscription_filters_by_(tenant|payload)/);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite schema version 3 (attempts name their subscription)', () => {
  it('keeps the attempts of a version 2 file and counts them in the statistics, through the index', async () => {
    const path = join(dir, 'v2.db');
    const v2 = new Database(path);
    migrate(v2, 2);
    const subscription = makeSubscription({ tenant: 'acme' });
    const event = makeEvent({ tenant: 'acme' });
    const delivery = makeDelivery(event, subscription);
    v2.prepare('INSERT INTO subscriptions (id, tenant, doc) VALUES (?, ?, ?)').run(
      subscription.id,
      subscription.tenant,
      JSON.stringify(subscription),
    );
    v2.prepare(
      'INSERT INTO events (scope, id, tenant, type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('acme', event.id, 'acme', event.type, JSON.stringify(event.data), event.createdAt);
    v2.prepare(
      `INSERT INTO deliveries (id, event_id, event_scope, subscription_id, tenant, event_type, status, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, 'acme', ?, 'acme', ?, 'succeeded', 2, ?, ?, ?)`,
    ).run(
      delivery.id,
      event.id,
      subscription.id,
      event.type,
      event.createdAt,
      event.createdAt,
      event.createdAt,
    );
    const attempt = v2.prepare(
      'INSERT INTO attempts (id, delivery_id, attempt, started_at, duration_ms, status) VALUES (?, ?, ?, ?, ?, ?)',
    );
    attempt.run('att_1', delivery.id, 1, event.createdAt - 1000, 40, 500);
    attempt.run('att_2', delivery.id, 2, event.createdAt, 20, 200);
    v2.close();

    const store = createSqliteStore(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(5);
      await expectMigratedAttempts(store, subscription.id, delivery.id, event.createdAt);
      const plan = store.db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT duration_ms FROM attempts WHERE subscription_id = ? AND started_at >= ? AND started_at <= ?',
        )
        .all(subscription.id, 0, 1) as { detail: string }[];
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/attempts_by_subscription/);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite schema version 5 (filter rows carry the payload filter)', () => {
  it('fills the payload filter of existing filter rows from their documents, and publish matches on it', async () => {
    const path = join(dir, 'v4.db');
    const v4 = new Database(path);
    migrate(v4, 4);
    const filter = { total: { $gte: 100 } };
    const filtered = makeSubscription({ tenant: 'default', events: ['*', 'order.*'], filter });
    const plain = makeSubscription({ tenant: 'default', events: ['order.created'] });
    for (const s of [filtered, plain]) {
      v4.prepare('INSERT INTO subscriptions (id, tenant, doc) VALUES (?, ?, ?)').run(
        s.id,
        s.tenant,
        JSON.stringify(s),
      );
      for (const event of s.events) {
        v4.prepare(
          'INSERT INTO subscription_filters (filter, subscription_id, tenant, disabled) VALUES (?, ?, ?, 0)',
        ).run(event, s.id, s.tenant);
      }
    }
    v4.close();

    const store = createSqliteStore(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(5);
      const rows = store.db
        .prepare('SELECT filter, subscription_id, payload_filter FROM subscription_filters ORDER BY filter')
        .all() as { filter: string; subscription_id: string; payload_filter: string | null }[];
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
