import { type BullmqQueue, createBullmqQueue } from '@hookwire/queue-bullmq';
import type { DeliveryLease } from '@hookwire/sender';
import { describe, expect, it } from 'vitest';
import { claim, countScripts, fresh, REDIS_URL, testQueues, waitFor } from './support.js';

// A settle also claims one job per lease it ends (the read-ahead): the next claim takes those
// without a Redis call of its own.

const { open } = testQueues();

const ids = (leases: readonly DeliveryLease[]) => leases.map((lease) => lease.deliveryId).sort();

/** `count` deliveries due now, spread over `subscriptions`, in id order. */
async function due(queue: BullmqQueue, count: number, subscriptions: readonly string[]) {
  const now = Date.now();
  await queue.schedule(
    Array.from({ length: count }, (_, i) => ({
      deliveryId: `dlv_${String(i).padStart(3, '0')}`,
      runAt: now,
      subscriptionId: subscriptions[i % subscriptions.length]!,
    })),
  );
}

/** Settles every lease in one batch (one turn of the event loop), as a busy worker does. */
const settleAll = (queue: BullmqQueue, leases: readonly DeliveryLease[]) =>
  Promise.all(leases.map((lease) => queue.settle(lease)));

describe('read-ahead', () => {
  it('hands the next claim what the settles read ahead: one script call per batch, exactly', async () => {
    const prefix = fresh().prefix;
    const queue = open(prefix);
    const observer = open(prefix); // reads counts (a BullMQ script) outside the count
    await due(queue, 30, ['sub_a', 'sub_b', 'sub_c']);
    const calls = await countScripts(queue);

    const first = await claim(queue, { limit: 10 });
    expect(ids(first)).toEqual(Array.from({ length: 10 }, (_, i) => `dlv_${String(i).padStart(3, '0')}`));
    // Three settles of one lease each free three of the worker's slots: three jobs read ahead.
    await settleAll(queue, first.slice(0, 3));
    expect(await observer.counts()).toEqual({ waiting: 17, delayed: 0, active: 10 });
    await settleAll(queue, first.slice(3));
    expect(await observer.counts()).toEqual({ waiting: 10, delayed: 0, active: 10 });

    const second = await claim(queue, { limit: 10 });
    expect(ids(second)).toEqual(
      Array.from({ length: 10 }, (_, i) => `dlv_${String(i + 10).padStart(3, '0')}`),
    );
    await settleAll(queue, second);
    const third = await claim(queue, { limit: 10 });
    expect(ids(third)).toEqual(
      Array.from({ length: 10 }, (_, i) => `dlv_${String(i + 20).padStart(3, '0')}`),
    );
    await settleAll(queue, third);
    expect(await claim(queue, { limit: 10 })).toEqual([]);
    // Claim, 2 + 1 + 1 settles (the last finds nothing to read), then an empty claim: look, wait
    // in Redis, look again. The two claims served from the buffer made no call.
    expect(calls.calls).toBe(1 + 4 + 2);
    expect(await observer.counts()).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('keeps a buffered lease of a skipped subscription for a later claim', async () => {
    const queue = open();
    await due(queue, 4, ['sub_a', 'sub_b']);
    const first = await claim(queue, { limit: 2 });
    expect(ids(first)).toEqual(['dlv_000', 'dlv_001']);
    await settleAll(queue, first);
    // dlv_002 (sub_a) and dlv_003 (sub_b) are buffered; the worker is full for sub_a.
    const calls = await countScripts(queue);
    expect(ids(await claim(queue, { limit: 2, skipSubscriptions: new Set(['sub_a']) }))).toEqual(['dlv_003']);
    expect(ids(await claim(queue, { limit: 2 }))).toEqual(['dlv_002']);
    expect(calls.calls).toBe(0);
  });

  it('hands back buffered leases when it closes, for another worker to take at once', async () => {
    const prefix = fresh().prefix;
    // Closed by the test: left out of `open`'s clean-up.
    const leaving = createBullmqQueue({ connection: REDIS_URL, prefix, blockMs: 100 });
    const staying = open(prefix);
    await due(leaving, 4, ['sub_h']);
    const first = await claim(leaving, { limit: 2, leaseMs: 60_000 });
    await settleAll(leaving, first);
    expect(await staying.counts()).toEqual({ waiting: 0, delayed: 0, active: 2 });
    await leaving.close();
    expect(ids(await claim(staying, { leaseMs: 60_000 }))).toEqual(['dlv_002', 'dlv_003']);
  });

  it('hands back a buffered lease nobody claims within a quarter of its lease time', async () => {
    const prefix = fresh().prefix;
    const reader = open(prefix);
    const other = open(prefix);
    await due(reader, 2, ['sub_r']);
    const first = await claim(reader, { limit: 1, leaseMs: 8000 });
    await settleAll(reader, first);
    expect(await other.counts()).toMatchObject({ waiting: 0, active: 1 });
    // `reader` never claims again: its buffered dlv_001 goes back (after 2 s) to `other`, well
    // before its lock (8 s) would have expired.
    const [taken] = await waitFor(
      async () => {
        const leases = await claim(other, { limit: 1, leaseMs: 8000 });
        return leases.length > 0 ? leases : undefined;
      },
      5000,
      'the buffered lease handed back',
    );
    expect(taken!.deliveryId).toBe('dlv_001');
  });

  it('answers a claim waiting in Redis with what a settle read ahead meanwhile', async () => {
    // Claims that find nothing wait up to blockMs (a minute here) on BullMQ's marker.
    const queue = open(fresh().prefix, { blockMs: 60_000 });
    await due(queue, 1, ['sub_w']);
    const [lease] = await claim(queue);
    // Takes the marker the schedule left (finding nothing), so the next claim really waits.
    expect(await claim(queue)).toEqual([]);
    const waiting = claim(queue);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Due again now: back in `wait`, where the settle's own read-ahead takes it (no marker set).
    await queue.settle(lease!, Date.now());
    // The waiting claim answers with it (the test's 20 s timeout is well under blockMs).
    const [again] = await waiting;
    expect(again!.deliveryId).toBe('dlv_000');
    expect(again!.token).not.toBe(lease!.token);
  });

  it('reads nothing ahead when turned off', async () => {
    const queue = open(fresh().prefix, { readAhead: false });
    await due(queue, 4, ['sub_o']);
    await settleAll(queue, await claim(queue, { limit: 2 }));
    expect(await queue.counts()).toEqual({ waiting: 2, delayed: 0, active: 0 });
  });
});
