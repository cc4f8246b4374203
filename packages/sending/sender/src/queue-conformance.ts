/**
 * The queue conformance suite: one suite for every `DeliveryQueue`, the stores that are their own
 * queue (memory, SQLite, PostgreSQL) and external ones (BullMQ).
 *
 * ```ts
 * import { describeDeliveryQueue } from '@hookwire/sender/testing';
 * describeDeliveryQueue('sqlite', async () => {
 *   const store = createSqliteStore({ path: ':memory:' });
 *   return { store, queue: store.queue };
 * });
 * ```
 *
 * It drives the queue as the sender's worker does (deliveries stored, then scheduled; an outcome
 * recorded in the store, then the lease settled) on the real clock, because an external queue
 * keeps its own time: delays and lease expiry are waited for, never asserted as durations.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueMode } from './queue-mode.js';
import type { DeliveryLease, DeliveryQueue, SenderStore } from './store.js';
import { makeDelivery, makeEvent, makeSubscription } from './testing.js';
import type { Delivery, DeliveryStatus, Subscription } from './types.js';
import { waitFor } from './wait-for.js';

export interface QueueUnderTest {
  queue: DeliveryQueue;
  /** Where the deliveries live; for a store that is its own queue, `queue` is `store.queue`. */
  store: SenderStore;
  /** Another worker's handle on the same queue, as a second process opens it (when there can be one). */
  second?: DeliveryQueue;
  /** Closes what was opened; default: the queues, then the store. */
  close?(): Promise<void>;
}

export interface DeliveryQueueSuiteOptions {
  /** A lease short enough for the suite to wait out (default 500 ms). */
  shortLeaseMs?: number;
  /** The longest wait for something due later, before the test fails (default 15 s). */
  patienceMs?: number;
}

const LONG_LEASE = 60_000;

export function describeDeliveryQueue(
  name: string,
  open: () => QueueUnderTest | Promise<QueueUnderTest>,
  options: DeliveryQueueSuiteOptions = {},
): void {
  const shortLeaseMs = options.shortLeaseMs ?? 500;
  const patienceMs = options.patienceMs ?? 15_000;

  describe(`DeliveryQueue conformance: ${name}`, () => {
    let subject: QueueUnderTest;
    let mode: QueueMode;
    let queue: DeliveryQueue;
    let store: SenderStore;
    let subscription: Subscription;

    beforeEach(async () => {
      subject = await open();
      ({ queue, store } = subject);
      mode = QueueMode.resolve(store, queue);
      subscription = makeSubscription();
      await store.insertSubscription(subscription);
    });
    afterEach(async () => {
      if (subject.close) return subject.close();
      await mode.close();
      if (subject.second !== subject.queue) await subject.second?.close?.();
      await store.close?.();
    });

    /** Stores deliveries due at `runAt` and schedules them, as publish does. */
    async function due(count: number, runAt = Date.now(), of = subscription): Promise<Delivery[]> {
      const event = makeEvent();
      const deliveries = Array.from({ length: count }, () =>
        makeDelivery(event, of, { nextAttemptAt: runAt, createdAt: runAt, updatedAt: runAt }),
      );
      await store.insertEvent(event, deliveries);
      await mode.schedule(deliveries);
      return deliveries;
    }

    const claim = (limit: number, leaseMs = LONG_LEASE, from = queue, skip?: Set<string>) =>
      from.claim({
        limit,
        leaseMs,
        now: Date.now(),
        ...(skip ? { skipSubscriptions: skip } : {}),
      });

    /** Claims until a lease of `deliveryId` comes, or fails after `patienceMs`. */
    function claimWhenDue(deliveryId: string, leaseMs = LONG_LEASE): Promise<DeliveryLease> {
      return waitFor(
        async () => {
          const leases = await claim(10, leaseMs);
          const lease = leases.find((l) => l.deliveryId === deliveryId);
          await Promise.all(leases.filter((l) => l !== lease).map((l) => queue.release(l, Date.now())));
          return lease;
        },
        patienceMs,
        `${deliveryId} to be handed out`,
      );
    }

    /** Records an outcome under `lease` and settles it, as the worker does. False: lease lost. */
    async function finish(lease: DeliveryLease, status: DeliveryStatus, nextAttemptAt = Date.now()) {
      const [applied] = await store.recordAttempts([
        {
          deliveryId: lease.deliveryId,
          ...mode.leaseToken(lease),
          status,
          nextAttemptAt,
          updatedAt: Date.now(),
        },
      ]);
      if (applied) await queue.settle(lease, status === 'pending' ? nextAttemptAt : undefined);
      return applied;
    }

    const ids = (leases: readonly DeliveryLease[]) => leases.map((l) => l.deliveryId).sort();

    it('hands each due delivery to one worker at a time, never more than the limit per claim', async () => {
      // Three per subscription: an external queue may bound deliveries in flight per subscription.
      const deliveries: Delivery[] = [];
      for (let i = 0; i < 4; i++) {
        const of = makeSubscription();
        await store.insertSubscription(of);
        deliveries.push(...(await due(3, Date.now(), of)));
      }
      const other = subject.second ?? queue;
      const seen: DeliveryLease[] = [];
      const deadline = Date.now() + patienceMs;
      while (seen.length < deliveries.length && Date.now() < deadline) {
        const [a, b] = await Promise.all([claim(3), claim(3, LONG_LEASE, other)]);
        expect(a.length).toBeLessThanOrEqual(3);
        expect(b.length).toBeLessThanOrEqual(3);
        seen.push(...a, ...b);
      }
      expect(ids(seen)).toEqual(deliveries.map((d) => d.id).sort());
      expect(await claim(10)).toEqual([]);
    });

    it('hands a delivery out once however often it is scheduled', async () => {
      const [delivery] = await due(1);
      await mode.schedule([delivery!]);
      await mode.schedule([delivery!]);
      const lease = await claimWhenDue(delivery!.id);
      await mode.schedule([delivery!]);
      expect(await claim(10)).toEqual([]);
      expect(await finish(lease, 'succeeded')).toBe(true);
    });

    it('hands a delivery out again once its lease expires; the lost lease records nothing', async () => {
      const [delivery] = await due(1);
      const first = await claimWhenDue(delivery!.id, shortLeaseMs);
      expect(await claim(10, shortLeaseMs)).toEqual([]);
      // The first worker died: another takes the delivery over once the lease ran out.
      const second = await claimWhenDue(delivery!.id, shortLeaseMs);
      expect(second.token).not.toBe(first.token);
      if (mode.storeIsQueue) expect(await finish(first, 'failed')).toBe(false);
      expect(await finish(second, 'succeeded')).toBe(true);
      expect((await store.getDelivery(delivery!.id))!.status).toBe('succeeded');
    });

    it('keeps a delivery due later until its time', async () => {
      const runAt = Date.now() + 400;
      const [later] = await due(1, runAt);
      const [now] = await due(1);
      expect(ids(await claim(10))).toEqual([now!.id]);
      await claimWhenDue(later!.id);
      expect(Date.now()).toBeGreaterThanOrEqual(runAt);
    });

    it('forgets a settled delivery', async () => {
      const [delivery] = await due(1);
      const lease = await claimWhenDue(delivery!.id);
      expect(await finish(lease, 'succeeded')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await claim(10)).toEqual([]);
    });

    it('hands a retry out again at its time (settle with the next run)', async () => {
      const [delivery] = await due(1);
      const lease = await claimWhenDue(delivery!.id);
      const retryAt = Date.now() + 300;
      expect(await finish(lease, 'pending', retryAt)).toBe(true);
      expect(await claim(10)).toEqual([]);
      const again = await claimWhenDue(delivery!.id);
      expect(Date.now()).toBeGreaterThanOrEqual(retryAt);
      expect(await finish(again, 'succeeded')).toBe(true);
    });

    it('takes a released delivery back without an attempt, due at the given time', async () => {
      const [delivery] = await due(1);
      const lease = await claimWhenDue(delivery!.id);
      const runAt = Date.now() + 300;
      await queue.release(lease, runAt);
      expect(await claim(10)).toEqual([]);
      await claimWhenDue(delivery!.id);
      expect(Date.now()).toBeGreaterThanOrEqual(runAt);
      expect((await store.getDelivery(delivery!.id))!.attempts).toBe(0);
    });

    it('hands a requeued delivery out at once: a finished one, and a retry waiting for its time', async () => {
      const [failed, waiting] = await due(2);
      expect(await finish(await claimWhenDue(failed!.id), 'failed')).toBe(true);
      expect(await finish(await claimWhenDue(waiting!.id), 'pending', Date.now() + 60_000)).toBe(true);
      expect(await claim(10)).toEqual([]);
      for (const delivery of [failed!, waiting!]) {
        const requeued = await store.requeueDeliveries({ deliveryId: delivery.id }, Date.now());
        expect(requeued.map((d) => d.id)).toEqual([delivery.id]);
        await mode.schedule(requeued);
      }
      const leases = [await claimWhenDue(failed!.id), await claimWhenDue(waiting!.id)];
      expect(ids(leases)).toEqual([failed!.id, waiting!.id].sort());
    });

    it('leaves the deliveries of a subscription at its bound for later', async () => {
      const busy = makeSubscription();
      await store.insertSubscription(busy);
      const [held] = await due(1, Date.now(), busy);
      const [free] = await due(1);
      const first = await claim(10, shortLeaseMs, queue, new Set([busy.id]));
      expect(ids(first)).toEqual([free!.id]);
      await claimWhenDue(held!.id);
    });

    it('promotes a delivery due later to due now (the next of an ordered line), when it can', async () => {
      if (!queue.promote) return; // optional: the sender then schedules it again instead
      const [later] = await due(1, Date.now() + 120_000);
      expect(await claim(10)).toEqual([]);
      await queue.promote(later!.id, Date.now());
      const lease = await claimWhenDue(later!.id);
      expect(lease.deliveryId).toBe(later!.id);
    });

    it('shares rate-limit buckets between every handle on the queue, when it keeps them', async () => {
      if (!queue.takeTokens) return; // optional: the sender then uses the store's buckets
      const other = subject.second ?? queue;
      const key = `${subscription.id}:rate`;
      const now = Date.now();
      const request = { key, perSecond: 1, burst: 2, count: 3 };
      const [first] = await queue.takeTokens([request], now);
      expect(first).toEqual({ granted: 2, retryInMs: 1000 });
      const [second] = await other.takeTokens!([{ ...request, count: 1 }], now);
      expect(second!.granted).toBe(0);
      expect(second!.retryInMs).toBeGreaterThan(0);
    });

    it('never tells a worker to sleep past the next due delivery', async () => {
      if (!queue.nextDueIn) return;
      const now = Date.now();
      await due(1, now + 5_000);
      const wait = await queue.nextDueIn(now);
      if (wait !== undefined) expect(wait).toBeLessThanOrEqual(5_000);
      await due(1, now);
      const soon = await queue.nextDueIn(now);
      if (soon !== undefined) expect(soon).toBeLessThanOrEqual(1_000);
    });
  });
}
