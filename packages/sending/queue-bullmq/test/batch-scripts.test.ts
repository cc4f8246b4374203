import { type BullmqQueue, createBullmqQueue } from '@hookwire/queue-bullmq';
import type { DeliveryLease } from '@hookwire/sender';
import { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { claim, countScripts, fresh, REDIS_URL, testQueues, waitFor } from './support.js';

// The queue's batch scripts write BullMQ's own layout: BullMQ's tools read it, its stalled-job
// check recovers from it, and a refused slot costs no Redis call of its own.

const { open, track } = testQueues();

const stateOf = async (queue: BullmqQueue, id: string) => {
  const job = await Job.fromId(queue.queue, id);
  return job ? job.getState() : 'missing';
};

describe('batch scripts on BullMQ’s layout', () => {
  it('writes jobs BullMQ reads: counts, state, data, lock, and removal once completed', async () => {
    const queue = open(fresh().prefix);
    const now = Date.now();
    await queue.schedule([
      { deliveryId: 'dlv_now', runAt: now, subscriptionId: 'sub_1' },
      { deliveryId: 'dlv_later', runAt: now + 60_000, subscriptionId: 'sub_1' },
    ]);
    expect(await queue.queue.getJobCounts('waiting', 'delayed', 'active')).toMatchObject({
      waiting: 1,
      delayed: 1,
      active: 0,
    });
    expect(await stateOf(queue, 'dlv_now')).toBe('waiting');
    expect(await stateOf(queue, 'dlv_later')).toBe('delayed');
    const job = await Job.fromId(queue.queue, 'dlv_later');
    expect(job!.data).toEqual({ s: 'sub_1' });
    expect(job!.name).toBe('deliver');

    const [lease] = await claim(queue);
    expect(lease!.deliveryId).toBe('dlv_now');
    expect(await stateOf(queue, 'dlv_now')).toBe('active');
    const client = await queue.queue.client;
    expect(await client.get(`${queue.queue.toKey('dlv_now')}:lock`)).toBe(lease!.token);

    await queue.settle(lease!);
    expect(await stateOf(queue, 'dlv_now')).toBe('missing');
    expect(await queue.queue.getJobCounts('waiting', 'delayed', 'active')).toMatchObject({
      waiting: 0,
      delayed: 1,
      active: 0,
    });
    // Promoting a delayed job (the next of an ordered line) makes it waiting for BullMQ too.
    await queue.promote('dlv_later');
    expect(await stateOf(queue, 'dlv_later')).toBe('waiting');
  });

  it('wakes an idle claim waiting in Redis as soon as a delivery is scheduled', async () => {
    const prefix = fresh().prefix;
    // A claim that finds nothing waits up to blockMs (a minute here) on BullMQ's marker.
    const idle = createBullmqQueue({ connection: REDIS_URL, prefix, blockMs: 60_000 });
    track(idle, prefix);
    const producer = open(prefix);
    const waiting = claim(idle);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await producer.schedule([{ deliveryId: 'dlv_wake', runAt: Date.now(), subscriptionId: 'sub_w' }]);
    // The same claim answers with the new delivery (the test's 20 s timeout is well under blockMs).
    expect((await waiting).map((lease) => lease.deliveryId)).toEqual(['dlv_wake']);
  });

  it('follows BullMQ’s pause and resume', async () => {
    const queue = open(fresh().prefix);
    await queue.queue.pause();
    await queue.schedule([{ deliveryId: 'dlv_p', runAt: Date.now(), subscriptionId: 'sub_p' }]);
    expect(await claim(queue)).toEqual([]);
    expect(await queue.queue.getJobCounts('paused', 'waiting')).toEqual({ paused: 1, waiting: 0 });
    await queue.queue.resume();
    expect((await claim(queue)).map((lease) => lease.deliveryId)).toEqual(['dlv_p']);
  });

  it('hands the job of a worker that died to another once its lock expired, slot included', async () => {
    const prefix = fresh().prefix;
    const dead = open(prefix, { perSubscriptionConcurrency: 1 });
    const alive = open(prefix, { perSubscriptionConcurrency: 1 });
    await dead.schedule([
      { deliveryId: 'dlv_1', runAt: Date.now(), subscriptionId: 'sub_d' },
      { deliveryId: 'dlv_2', runAt: Date.now(), subscriptionId: 'sub_d' },
    ]);
    const held = await claim(dead, { leaseMs: 800 });
    expect(held.map((lease) => lease.deliveryId)).toEqual(['dlv_1']);
    // The bound is 1: the second job is parked (BullMQ sees it delayed) while the first is held.
    expect(await stateOf(dead, 'dlv_2')).toBe('delayed');
    expect(await claim(alive, { leaseMs: 800 })).toEqual([]);

    // `dead` never settles: its lock expires, BullMQ's stalled check (alive's) moves the job back.
    const taken: DeliveryLease[] = [];
    await waitFor(
      async () => {
        for (const lease of await claim(alive, { leaseMs: 800 })) {
          taken.push(lease);
          await alive.settle(lease);
        }
        return taken.length >= 2;
      },
      8000,
      'both jobs through the surviving worker',
    );
    expect(taken.map((lease) => lease.deliveryId).sort()).toEqual(['dlv_1', 'dlv_2']);
    // The dead worker's late settle changes nothing.
    await dead.settle(held[0]!);
    expect(await alive.counts()).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('holds the bound across workers with many jobs refused, each refusal costing no call of its own', async () => {
    const prefix = fresh().prefix;
    const a = open(prefix, { perSubscriptionConcurrency: 3 });
    const b = open(prefix, { perSubscriptionConcurrency: 3 });
    const observer = open(prefix, { perSubscriptionConcurrency: 3 }); // reads counts (a BullMQ script) outside the count
    const calls = [await countScripts(a), await countScripts(b)];
    const total = () => calls[0]!.calls + calls[1]!.calls;
    const now = Date.now();
    await a.schedule(
      Array.from({ length: 60 }, (_, i) => ({
        deliveryId: `dlv_${i}`,
        runAt: now,
        subscriptionId: 'sub_busy',
      })),
    );
    expect(total()).toBe(1);

    const delivered = new Set<string>();
    let rounds = 0;
    while (delivered.size < 60) {
      // Workers take turns: each claim takes 3 (the bound) and parks every other job it looked at.
      const worker = rounds % 2 === 0 ? a : b;
      const leases = await claim(worker, { limit: 20 });
      expect(leases).toHaveLength(3);
      if (rounds === 0) {
        expect(await observer.counts()).toEqual({ waiting: 0, delayed: 57, active: 3 });
      }
      // The other worker finds no slot free.
      for (const lease of leases) delivered.add(lease.deliveryId);
      await Promise.all(leases.map((lease) => worker.settle(lease)));
      rounds += 1;
    }
    expect(rounds).toBe(20);
    // One schedule, then one claim and one settle per round: 57 refusals added no call. (A settle
    // that lets a parked job go reads nothing ahead: that job is any worker's.)
    expect(total()).toBe(1 + 2 * rounds);
    expect(await observer.counts()).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('bounds a subscription whose id needs escaping in JSON too', async () => {
    const queue = open(fresh().prefix, { perSubscriptionConcurrency: 1 });
    const odd = 'sub_"quoted"\\back';
    await queue.schedule([
      { deliveryId: 'dlv_o1', runAt: Date.now(), subscriptionId: odd },
      { deliveryId: 'dlv_o2', runAt: Date.now(), subscriptionId: odd },
    ]);
    expect(await claim(queue)).toHaveLength(1);
    expect((await Job.fromId(queue.queue, 'dlv_o1'))!.data).toEqual({ s: odd });
  });

  it('never lets workers claiming at once exceed the bound', async () => {
    const prefix = fresh().prefix;
    const workers = [
      open(prefix, { perSubscriptionConcurrency: 2 }),
      open(prefix, { perSubscriptionConcurrency: 2 }),
      open(prefix, { perSubscriptionConcurrency: 2 }),
    ];
    const now = Date.now();
    await workers[0]!.schedule(
      Array.from({ length: 30 }, (_, i) => ({ deliveryId: `dlv_${i}`, runAt: now, subscriptionId: 'sub_b' })),
    );
    let inFlight = 0;
    let most = 0;
    const done = new Set<string>();
    await Promise.all(
      workers.map(async (worker) => {
        const deadline = Date.now() + 15_000;
        while (done.size < 30 && Date.now() < deadline) {
          const leases = await claim(worker, { limit: 5 });
          inFlight += leases.length;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          for (const lease of leases) done.add(lease.deliveryId);
          inFlight -= leases.length;
          await Promise.all(leases.map((lease) => worker.settle(lease)));
        }
      }),
    );
    expect(done.size).toBe(30);
    expect(most).toBeLessThanOrEqual(2);
  });
});
