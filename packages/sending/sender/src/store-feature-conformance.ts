/**
 * Store conformance cases of the subscription features: payload filters kept exactly (a table of
 * payloads × filters, through a real publish), catalogue entries kept whole, and attempt
 * statistics over a known sequence with a pinned clock. Registered by `describeSenderStore`.
 */
import { describe, expect, it } from 'vitest';
import { FILTER_PAYLOADS, FILTER_TABLE } from './filter-table.js';
import { newId } from './ids.js';
import { compileFilter } from './payload-filter.js';
import { createSender } from './sender.js';
import type { SenderStore } from './store.js';
import type { Subscription } from './types.js';

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

interface Fixtures {
  makeSubscription(overrides?: Partial<Subscription>): Subscription;
}

export function describeStoreFeatures(store: () => SenderStore, fixtures: Fixtures): void {
  describe('payload filters', () => {
    it('keeps every filter exactly, and a publish delivers the table of payloads × filters', async () => {
      const subscriptions = FILTER_TABLE.map(({ filter }) =>
        fixtures.makeSubscription({ tenant: 'default', events: ['order.*'], filter }),
      );
      for (const s of subscriptions) await store().insertSubscription(s);
      for (const s of subscriptions) expect(await store().getSubscription(s.id)).toEqual(s);
      const found = await store().findSubscriptions(['*', 'order.paid', 'order.*'], 'default');
      const byId = new Map(found.map((s) => [s.id, s]));
      const outcomes = subscriptions.map((s) =>
        FILTER_PAYLOADS.map(({ data }) => compileFilter(byId.get(s.id)!.filter)(data)),
      );
      expect(outcomes).toEqual(FILTER_TABLE.map((row) => row.expected));

      // Through the sender: the store's subscriptions, matched by type first, then by filter.
      const sender = createSender({ store: store(), now: () => T0 });
      for (const [i, { data }] of FILTER_PAYLOADS.entries()) {
        const published = await sender.publish({ type: 'order.paid', data, id: `payload_${i}` });
        const expected = FILTER_TABLE.filter((row) => row.expected[i]).length;
        expect([i, published.deliveries]).toEqual([i, expected]);
      }
      for (const [row, s] of subscriptions.entries()) {
        const page = await store().listDeliveries({ subscriptionId: s.id, limit: 100 });
        const received = FILTER_PAYLOADS.map((_, i) => page.items.some((d) => d.eventId === `payload_${i}`));
        expect([row, received]).toEqual([row, FILTER_TABLE[row]!.expected]);
      }
    });

    it('clears a filter patched to undefined', async () => {
      const s = fixtures.makeSubscription({ filter: { total: { $gte: 1 } } });
      await store().insertSubscription(s);
      const updated = await store().updateSubscription(s.id, { filter: undefined, updatedAt: T0 + 1 });
      expect(updated).not.toHaveProperty('filter');
      expect(await store().getSubscription(s.id)).not.toHaveProperty('filter');
    });
  });

  describe('event-type entries', () => {
    it('keeps schema, example and the deprecated flag', async () => {
      const entry = {
        name: 'invoice.paid',
        description: 'Paid',
        schema: {
          type: 'object',
          $defs: { money: { type: 'number' } },
          properties: { total: { $ref: '#/$defs/money' } },
        },
        example: { total: 1.5, lines: [{ a: null }] },
        deprecated: true,
      };
      await store().putEventTypes([entry]);
      expect(await store().listEventTypes()).toEqual([entry]);
    });
  });

  describe('attempt statistics', () => {
    async function record(subscription: Subscription, attempts: [number, number, number | undefined][]) {
      for (const [offset, durationMs, status] of attempts) {
        const event = { id: newId('evt', T0), type: 'a.b', data: null, createdAt: T0 };
        const delivery = {
          id: newId('dlv', T0),
          eventId: event.id,
          subscriptionId: subscription.id,
          tenant: subscription.tenant,
          eventType: 'a.b',
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: T0,
          createdAt: T0,
          updatedAt: T0,
        };
        await store().insertEvent(event, [delivery]);
        const written = await store().recordAttempts([
          {
            deliveryId: delivery.id,
            attempt: {
              id: newId('att', T0),
              deliveryId: delivery.id,
              attempt: 1,
              startedAt: T0 - offset,
              durationMs,
              ...(status !== undefined ? { status } : { error: 'timed out' }),
            },
            status: 'pending',
            nextAttemptAt: T0 + 60_000,
            updatedAt: T0,
          },
        ]);
        expect(written).toEqual([true]);
      }
    }

    it('counts attempts, 2xx successes and failures, with nearest-rank latency percentiles, per window', async () => {
      const s = store();
      if (!s.attemptStats) throw new Error('The store lacks attemptStats (GET /subscriptions/:id/stats).');
      const a = fixtures.makeSubscription();
      const b = fixtures.makeSubscription();
      const empty = fixtures.makeSubscription();
      for (const x of [a, b, empty]) await s.insertSubscription(x);
      const statuses = [200, 500, 204, undefined, 200, 299, 300, 200, 503, 201];
      // The last hour: durations 5, 1, 9, 3, 7, 2, 8, 4, 10, 6 (the window's start is included).
      await record(
        a,
        [5, 1, 9, 3, 7, 2, 8, 4, 10, 6].map((ms, i) => [i === 0 ? HOUR : i * 60_000, ms, statuses[i]]),
      );
      // Earlier that day, and two days ago (outside every window).
      await record(a, [
        [2 * HOUR, 100, 200],
        [3 * HOUR, 200, 200],
        [23 * HOUR, 300, 500],
        [48 * HOUR, 1000, 200],
      ]);
      // Another subscription's attempts never count.
      await record(b, [[60_000, 5000, 200]]);

      expect(await s.attemptStats(a.id, T0 - HOUR, T0)).toEqual({
        attempts: 10,
        successes: 6,
        failures: 4,
        latencyMs: { p50: 5, p95: 10, p99: 10 },
      });
      expect(await s.attemptStats(a.id, T0 - 24 * HOUR, T0)).toEqual({
        attempts: 13,
        successes: 8,
        failures: 5,
        latencyMs: { p50: 7, p95: 300, p99: 300 },
      });
      expect(await s.attemptStats(empty.id, T0 - HOUR, T0)).toEqual({
        attempts: 0,
        successes: 0,
        failures: 0,
        latencyMs: null,
      });
    });

    it('takes the rank ⌈p·n⌉ exactly: 20 attempts of 1…20 ms', async () => {
      const s = store();
      const c = fixtures.makeSubscription();
      await s.insertSubscription(c);
      await record(
        c,
        Array.from({ length: 20 }, (_, i) => [1000 + i, 20 - i + 0.5, 200] as [number, number, number]),
      );
      expect(await s.attemptStats!(c.id, T0 - HOUR, T0)).toEqual({
        attempts: 20,
        successes: 20,
        failures: 0,
        latencyMs: { p50: 10.5, p95: 19.5, p99: 20.5 },
      });
    });
  });
}
