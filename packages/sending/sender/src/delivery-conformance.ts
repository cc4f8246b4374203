/**
 * Store conformance cases of the delivery features: ordered subscriptions (the head of the line,
 * and a real delivery run with failures), rate-limit buckets, promotion, retention and the
 * publish's traceparent. Registered by `describeSenderStore`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { createSender } from './sender.js';
import type { DeliveryQueue, SenderStore } from './store.js';
import type { Delivery, DeliveryAttempt, StoredEvent, Subscription } from './types.js';
import { waitFor } from './wait-for.js';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

interface Fixtures {
  makeSubscription(overrides?: Partial<Subscription>): Subscription;
  makeEvent(overrides?: Partial<StoredEvent>): StoredEvent;
  makeDelivery(event: StoredEvent, subscription: Subscription, overrides?: Partial<Delivery>): Delivery;
}

function required<K extends keyof SenderStore>(store: SenderStore, method: K): NonNullable<SenderStore[K]> {
  const found = store[method];
  if (typeof found !== 'function')
    throw new Error(`This store lacks \`${String(method)}\`, which the sender needs.`);
  return (found as (...args: never[]) => unknown).bind(store) as NonNullable<SenderStore[K]>;
}

export function describeDeliveryFeatures(store: () => SenderStore, f: Fixtures, withQueue: boolean): void {
  async function publish(
    subscription: Subscription,
    event: Partial<StoredEvent> = {},
    d: Partial<Delivery> = {},
  ) {
    const stored = f.makeEvent(event);
    const delivery = f.makeDelivery(stored, subscription, d);
    await store().insertEvent(stored, [delivery]);
    return delivery;
  }

  async function record(delivery: Delivery, status: Delivery['status'], attempt?: Partial<DeliveryAttempt>) {
    await store().recordAttempts([
      {
        deliveryId: delivery.id,
        status,
        nextAttemptAt: T0 + 5_000,
        updatedAt: T0,
        ...(attempt
          ? {
              attempt: {
                id: newId('att', T0),
                deliveryId: delivery.id,
                attempt: 1,
                startedAt: T0,
                durationMs: 3,
                status: 200,
                ...attempt,
              },
            }
          : {}),
      },
    ]);
  }

  describe('ordered subscriptions', () => {
    it('answers the oldest pending delivery of each subscription, in id order, past finished ones', async () => {
      const a = f.makeSubscription({ ordered: true });
      const b = f.makeSubscription({ ordered: true });
      const idle = f.makeSubscription();
      for (const s of [a, b, idle]) await store().insertSubscription(s);
      const a1 = await publish(a);
      const a2 = await publish(a, {}, { nextAttemptAt: T0 - 10 }); // due sooner, yet behind a1
      const b1 = await publish(b);
      const b2 = await publish(b);
      await record(b1, 'succeeded', {});
      const first = required(store(), 'firstPendingDeliveries');
      const heads = await first([a.id, b.id, idle.id, a.id]);
      expect(heads.map((d) => d.id).sort()).toEqual([a1.id, b2.id].sort());
      await record(a1, 'failed', { status: 500 });
      expect((await first([a.id])).map((d) => d.id)).toEqual([a2.id]);
      expect(await first([])).toEqual([]);
    });

    it('keeps the ordered, rateLimit, signing and consecutiveFailures fields of a subscription', async () => {
      const subscription = f.makeSubscription({
        ordered: true,
        rateLimit: 2.5,
        signing: 'ed25519',
        consecutiveFailures: 3,
      });
      await store().insertSubscription(subscription);
      expect(await store().getSubscription(subscription.id)).toEqual(subscription);
      const cleared = await store().updateSubscription(subscription.id, { ordered: undefined, rateLimit: 7 });
      expect(cleared).not.toHaveProperty('ordered');
      expect(cleared?.rateLimit).toBe(7);
    });

    it('delivers an ordered subscription one at a time in publish order, a failing delivery holding the rest', async () => {
      const arrivals: string[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const failFirst = new Set(['ord_2', 'ord_5']);
      const server = createServer((req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        req.resume();
        req.on('end', () => {
          const id = String(req.headers['webhook-id']);
          arrivals.push(id);
          setTimeout(() => {
            inFlight--;
            const fail = failFirst.delete(id);
            res.writeHead(fail ? 500 : 204).end();
          }, 5);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ordered`;
      const sender = createSender({
        store: store(),
        allowPrivateNetwork: true,
        retrySchedule: [0.05, 0.05, 0.05],
        jitter: 0,
        pollIntervalMs: 20,
        onError: () => {},
      });
      try {
        await sender.createSubscription({ url, events: ['order.*'], ordered: true });
        await sender.start();
        const published: string[] = [];
        for (let i = 1; i <= 7; i++) {
          published.push((await sender.publish({ type: 'order.created', data: { i }, id: `ord_${i}` })).id);
        }
        await waitFor(() => arrivals.length >= 9, 20_000, 'every delivery and both retries');
        expect(arrivals).toEqual([
          'ord_1',
          'ord_2',
          'ord_2',
          'ord_3',
          'ord_4',
          'ord_5',
          'ord_5',
          'ord_6',
          'ord_7',
        ]);
        expect(maxInFlight).toBe(1);
      } finally {
        await sender.stop();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('rate-limit buckets', () => {
    it('grants a full bucket, then one token per interval; each subscription has its own bucket', async () => {
      const take = required(store(), 'takeTokens');
      const request = { key: 'sub_rate_a', perSecond: 10, burst: 2, count: 5 };
      expect(await take([request, { ...request, key: 'sub_rate_b', count: 1 }], T0)).toEqual([
        { granted: 2, retryInMs: 100 },
        { granted: 1, retryInMs: 0 },
      ]);
      // No token yet: nothing granted, the wait unchanged.
      expect(await take([request], T0 + 50)).toEqual([{ granted: 0, retryInMs: 50 }]);
      expect(await take([{ ...request, count: 1 }], T0 + 100)).toEqual([{ granted: 1, retryInMs: 0 }]);
      // After a long idle time the bucket is full again, never fuller.
      expect((await take([request], T0 + 60_000))[0]!.granted).toBe(2);
    });
  });

  describe('retention', () => {
    it('deletes only old attempts and old finished events with their deliveries', async () => {
      const prune = required(store(), 'prune');
      const subscription = f.makeSubscription();
      await store().insertSubscription(subscription);
      const oldDone = await publish(subscription, { createdAt: T0 - 2 * DAY }, { createdAt: T0 - 2 * DAY });
      await record(oldDone, 'succeeded', { startedAt: T0 - 2 * DAY });
      const oldPending = await publish(
        subscription,
        { createdAt: T0 - 2 * DAY },
        { createdAt: T0 - 2 * DAY },
      );
      await store().recordAttempts([
        {
          deliveryId: oldPending.id,
          status: 'pending',
          nextAttemptAt: T0 + 1000,
          updatedAt: T0,
          attempt: {
            id: newId('att', T0),
            deliveryId: oldPending.id,
            attempt: 1,
            startedAt: T0 - 2 * DAY,
            durationMs: 1,
            status: 500,
          },
        },
      ]);
      const recent = await publish(subscription, { createdAt: T0 }, { createdAt: T0 });
      await record(recent, 'succeeded', { startedAt: T0 });

      const result = await prune(T0 - DAY);
      expect(result).toMatchObject({ events: 1, deliveries: 1, attempts: 2 });
      expect(await store().getDelivery(oldDone.id)).toBeUndefined();
      expect(await store().getEvent(oldDone.eventId)).toBeUndefined();
      expect(await store().listAttempts(oldDone.id)).toEqual([]);
      // A pending delivery keeps its event (its old attempt goes); recent data stays whole.
      expect((await store().getDelivery(oldPending.id))?.status).toBe('pending');
      expect(await store().getEvent(oldPending.eventId)).toBeDefined();
      expect(await store().listAttempts(oldPending.id)).toEqual([]);
      expect(await store().getDelivery(recent.id)).toBeDefined();
      expect(await store().listAttempts(recent.id)).toHaveLength(1);
      expect(await prune(T0 - DAY)).toMatchObject({ events: 0, deliveries: 0, attempts: 0 });
    });
  });

  describe('tracing', () => {
    it("keeps the publish's traceparent with the event, for the attempt's span", async () => {
      const subscription = f.makeSubscription();
      await store().insertSubscription(subscription);
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const delivery = await publish(subscription, { traceparent });
      expect((await store().getEvent(delivery.eventId))?.traceparent).toBe(traceparent);
      const [job] = await store().loadJobs([delivery.id]);
      expect(job?.event.traceparent).toBe(traceparent);
      const plain = await publish(subscription);
      expect(await store().getEvent(plain.eventId)).not.toHaveProperty('traceparent');
    });
  });

  describe('a batch of outcomes', () => {
    it('stores each outcome of one call with its attempt, and refuses an unknown delivery alone', async () => {
      const subscription = f.makeSubscription();
      await store().insertSubscription(subscription);
      const deliveries = [];
      for (let i = 0; i < 6; i++) deliveries.push(await publish(subscription, {}, { nextAttemptAt: T0 }));
      const excerpt = 'ok "quoted" \\ backslash, ✅ 😀 \n';
      const outcomes = deliveries.map((d, i) => ({
        deliveryId: d.id,
        status: (i % 2 === 0 ? 'succeeded' : 'pending') as Delivery['status'],
        nextAttemptAt: T0 + 1000 * (i + 1),
        lastStatus: i % 2 === 0 ? 204 : 503,
        ...(i % 2 === 0 ? {} : { lastError: `HTTP 503 #${i}` }),
        updatedAt: T0 + i,
        attempt: {
          id: newId('att', T0 + i),
          deliveryId: d.id,
          attempt: 1,
          startedAt: T0 + i,
          durationMs: 1.5 + i,
          status: i % 2 === 0 ? 204 : 503,
          responseExcerpt: `${excerpt}${i}`,
        },
      }));
      const missing = { ...outcomes[0]!, deliveryId: 'dlv_missing', attempt: undefined };
      const applied = await store().recordAttempts([...outcomes.slice(0, 3), missing, ...outcomes.slice(3)]);
      expect(applied).toEqual([true, true, true, false, true, true, true]);
      for (const [i, d] of deliveries.entries()) {
        const stored = await store().getDelivery(d.id);
        expect(stored).toMatchObject({
          status: outcomes[i]!.status,
          attempts: 1,
          nextAttemptAt: outcomes[i]!.nextAttemptAt,
          lastStatus: outcomes[i]!.lastStatus,
        });
        expect(stored?.lastError).toBe(outcomes[i]!.lastError);
        const attempts = await store().listAttempts(d.id);
        expect(attempts).toHaveLength(1);
        expect(attempts[0]).toMatchObject({
          id: outcomes[i]!.attempt.id,
          durationMs: 1.5 + i,
          status: outcomes[i]!.attempt.status,
          responseExcerpt: `${excerpt}${i}`,
        });
      }
    });
  });

  if (!withQueue) return;
  describe('queue features', () => {
    const queue = () => store().queue as DeliveryQueue;

    it('applies the outcomes of a batch whose lease still holds and refuses a lost one alone', async () => {
      const subscription = f.makeSubscription();
      await store().insertSubscription(subscription);
      for (let i = 0; i < 5; i++) await publish(subscription, {}, { nextAttemptAt: T0 });
      const leases = await queue().claim({ limit: 10, leaseMs: 60_000, now: T0 });
      expect(leases).toHaveLength(5);
      const applied = await store().recordAttempts(
        leases.map((lease, i) => ({
          deliveryId: lease.deliveryId,
          leaseToken: i === 2 ? 'lost-lease' : lease.token,
          status: 'succeeded',
          nextAttemptAt: T0,
          lastStatus: 204,
          updatedAt: T0,
          attempt: {
            id: newId('att', T0),
            deliveryId: lease.deliveryId,
            attempt: 1,
            startedAt: T0,
            durationMs: 2,
            status: 204,
          },
        })),
      );
      expect(applied).toEqual([true, true, false, true, true]);
      const lost = leases[2]!.deliveryId;
      expect((await store().getDelivery(lost))?.status).toBe('pending');
      expect(await store().listAttempts(lost)).toEqual([]);
      expect((await store().getDelivery(leases[3]!.deliveryId))?.status).toBe('succeeded');
    });

    it('promotes a released delivery to due now, and leaves one in flight alone', async () => {
      const subscription = f.makeSubscription();
      await store().insertSubscription(subscription);
      const waiting = await publish(subscription, {}, { nextAttemptAt: T0 });
      const held = await publish(subscription, {}, { nextAttemptAt: T0 });
      const leases = await queue().claim({ limit: 10, leaseMs: 60_000, now: T0 });
      const waitingLease = leases.find((l) => l.deliveryId === waiting.id)!;
      await queue().release(waitingLease, T0 + DAY);
      expect(await queue().claim({ limit: 10, leaseMs: 60_000, now: T0 + 1 })).toEqual([]);
      const promote = queue().promote!.bind(queue());
      await promote(waiting.id, T0 + 2);
      await promote(held.id, T0 + 2);
      const again = await queue().claim({ limit: 10, leaseMs: 60_000, now: T0 + 2 });
      expect(again.map((l) => l.deliveryId)).toEqual([waiting.id]);
    });

    it('counts deliveries due now and scheduled for later', async () => {
      const subscription = f.makeSubscription();
      await store().insertSubscription(subscription);
      await publish(subscription, {}, { nextAttemptAt: T0 });
      await publish(subscription, {}, { nextAttemptAt: T0 - 5 });
      await publish(subscription, {}, { nextAttemptAt: T0 + 60_000 });
      const done = await publish(subscription, {}, { nextAttemptAt: T0 });
      await record(done, 'succeeded', {});
      expect(await queue().depth!(T0)).toEqual({ due: 2, scheduled: 1 });
    });
  });
}
