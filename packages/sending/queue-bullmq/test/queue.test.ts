import { type BullmqQueue, createBullmqQueue, toConnection } from '@hookwire/queue-bullmq';
import type { ClaimOptions } from '@hookwire/sender';
import { describe, expect, it } from 'vitest';
import { claim, deleteKeys, fresh, REDIS_URL, testQueues, waitFor } from './support.js';

const { open } = testQueues();

const ids = (leases: { deliveryId: string }[]) => leases.map((lease) => lease.deliveryId).sort();
/** The next non-empty claim, within `timeoutMs`. */
const nextLeases = (
  queue: BullmqQueue,
  timeoutMs: number,
  what: string,
  options: Partial<ClaimOptions> = {},
) =>
  waitFor(
    async () => {
      const leases = await claim(queue, options);
      return leases.length > 0 ? leases : undefined;
    },
    timeoutMs,
    what,
  );

describe('connection', () => {
  it('reads redis:// and rediss:// URLs', () => {
    expect(toConnection('redis://127.0.0.1:6380/2')).toEqual({ host: '127.0.0.1', port: 6380, db: 2 });
    expect(toConnection('rediss://user:p%40ss@cache.example.com')).toEqual({
      host: 'cache.example.com',
      port: 6379,
      username: 'user',
      password: 'p@ss',
      tls: {},
    });
    expect(() => toConnection('http://x')).toThrow(/redis:\/\//);
    expect(() => toConnection('redis://x/abc')).toThrow(/number/);
  });
});

describe('BullMQ delivery queue', () => {
  it('keeps one job per delivery however often it is scheduled', async () => {
    const queue = open();
    const now = Date.now();
    await queue.schedule([{ deliveryId: 'dlv_a', runAt: now, subscriptionId: 'sub_1' }]);
    await queue.schedule([
      { deliveryId: 'dlv_a', runAt: now },
      { deliveryId: 'dlv_b', runAt: now },
    ]);
    expect(await queue.counts()).toEqual({ waiting: 2, delayed: 0, active: 0 });
    const leases = await claim(queue);
    expect(ids(leases)).toEqual(['dlv_a', 'dlv_b']);
    // Scheduled again while in flight (the sweeper, a requeue): still one job, not handed out twice.
    await queue.schedule([{ deliveryId: 'dlv_a', runAt: now }]);
    expect(await claim(queue)).toEqual([]);
    expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 2 });
  });

  it('hands a delivery out when it is due, and a retry at its time', async () => {
    const queue = open();
    await queue.schedule([{ deliveryId: 'dlv_later', runAt: Date.now() + 400 }]);
    expect(await claim(queue)).toEqual([]);
    const [lease] = await nextLeases(queue, 3000, 'the delayed delivery');
    expect(lease!.deliveryId).toBe('dlv_later');
    await queue.settle(lease!, Date.now() + 1000);
    expect(await queue.counts()).toMatchObject({ delayed: 1, active: 0 });
    expect(await claim(queue)).toEqual([]); // not before its time
    const [again] = await nextLeases(queue, 3000, 'the retry');
    expect(again!.deliveryId).toBe('dlv_later');
    await queue.settle(again!);
    expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('makes a waiting retry due at once when the delivery is requeued', async () => {
    const queue = open();
    await queue.schedule([{ deliveryId: 'dlv_r', runAt: Date.now() + 60_000 }]);
    expect(await claim(queue)).toEqual([]);
    await queue.schedule([{ deliveryId: 'dlv_r', runAt: Date.now() }]);
    expect(ids(await claim(queue))).toEqual(['dlv_r']);
  });

  it('adds a job again for a delivery scheduled after its job finished or vanished', async () => {
    const prefix = fresh().prefix;
    const queue = open(prefix);
    await queue.schedule([{ deliveryId: 'dlv_x', runAt: Date.now() }]);
    const [lease] = await claim(queue);
    await queue.settle(lease!);
    await queue.schedule([{ deliveryId: 'dlv_x', runAt: Date.now() }]);
    expect(ids(await claim(queue, { limit: 1 }))).toEqual(['dlv_x']);
    // Redis lost everything (a flush, a failover to an empty replica); the sweeper schedules again.
    await deleteKeys(queue, prefix);
    await queue.schedule([{ deliveryId: 'dlv_x', runAt: Date.now() }]);
    expect(ids(await claim(queue))).toEqual(['dlv_x']);
  });

  it('gives a released delivery out again at the time asked', async () => {
    const queue = open();
    await queue.schedule([{ deliveryId: 'dlv_rel', runAt: Date.now() }]);
    const [lease] = await claim(queue);
    await queue.release(lease!, Date.now() + 200);
    expect(await claim(queue)).toEqual([]);
    await waitFor(async () => (await claim(queue)).length === 1, 3000, 'the released delivery');
  });

  it('hands a job whose worker died to another worker once its lease expires (stalled job)', async () => {
    const prefix = fresh().prefix;
    const dead = open(prefix);
    const alive = open(prefix);
    await dead.schedule([{ deliveryId: 'dlv_s', runAt: Date.now() }]);
    const [lost] = await claim(dead, { leaseMs: 1000 });
    expect(lost!.deliveryId).toBe('dlv_s');
    // While the lease holds, nobody else gets the job.
    expect(await claim(alive, { leaseMs: 1000 })).toEqual([]);
    // `dead` never settles. `alive` gets the job after the lock expired and a stalled check ran.
    const [taken] = await nextLeases(alive, 5000, 'the stalled job', { leaseMs: 1000 });
    expect(taken!.deliveryId).toBe('dlv_s');
    // The late settle of the dead worker changes nothing: the job is the new holder's.
    await dead.settle(lost!);
    expect(await alive.counts()).toMatchObject({ active: 1 });
    await alive.settle(taken!);
    expect(await alive.counts()).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('bounds attempts per subscription across workers, and lets a parked delivery go when a slot frees', async () => {
    const prefix = fresh().prefix;
    const a = open(prefix, { perSubscriptionConcurrency: 2 });
    const b = open(prefix, { perSubscriptionConcurrency: 2 });
    const now = Date.now();
    await a.schedule([
      ...[1, 2, 3, 4, 5].map((n) => ({ deliveryId: `dlv_busy${n}`, runAt: now, subscriptionId: 'sub_busy' })),
      { deliveryId: 'dlv_other', runAt: now, subscriptionId: 'sub_other' },
    ]);
    const first = await claim(a, { limit: 2 });
    const second = await claim(b, { limit: 10 });
    const all = [...first, ...second];
    expect(all.filter((lease) => lease.deliveryId.startsWith('dlv_busy'))).toHaveLength(2);
    expect(all.map((lease) => lease.deliveryId)).toContain('dlv_other');
    expect(await claim(b)).toEqual([]);
    // A slot frees: exactly one parked delivery of that subscription comes back, at once.
    const busyLease = all.find((lease) => lease.deliveryId.startsWith('dlv_busy'))!;
    const owner = first.includes(busyLease) ? a : b;
    await owner.settle(busyLease);
    const next = await nextLeases(b, 2000, 'a parked delivery');
    expect(next).toHaveLength(1);
    expect(next[0]!.deliveryId).toMatch(/^dlv_busy/);
  });

  it('leaves a subscription the worker is full for to other workers (skipSubscriptions)', async () => {
    const prefix = fresh().prefix;
    const a = open(prefix, { perSubscriptionConcurrency: 5 });
    await a.schedule([{ deliveryId: 'dlv_k', runAt: Date.now(), subscriptionId: 'sub_k' }]);
    expect(await claim(a, { skipSubscriptions: new Set(['sub_k']) })).toEqual([]);
    expect(await a.counts()).toMatchObject({ delayed: 1, active: 0 });
  });

  it('hands back the jobs it holds when it closes, for another worker to take at once', async () => {
    const prefix = fresh().prefix;
    const leaving = createBullmqQueue({ connection: REDIS_URL, prefix, blockMs: 100 });
    const staying = open(prefix);
    await staying.schedule([
      { deliveryId: 'dlv_h1', runAt: Date.now(), subscriptionId: 'sub_h' },
      { deliveryId: 'dlv_h2', runAt: Date.now(), subscriptionId: 'sub_h' },
    ]);
    expect(await claim(leaving, { leaseMs: 60_000 })).toHaveLength(2);
    await leaving.close();
    expect(ids(await claim(staying, { leaseMs: 60_000 }))).toEqual(['dlv_h1', 'dlv_h2']);
  });

  it('refuses a bad option at construction', () => {
    expect(() => createBullmqQueue({ connection: '' })).toThrow(/connection/);
    expect(() => createBullmqQueue({ connection: REDIS_URL, perSubscriptionConcurrency: -1 })).toThrow(
      /perSubscriptionConcurrency/,
    );
    expect(() => createBullmqQueue({ connection: REDIS_URL, readAhead: 'no' as unknown as boolean })).toThrow(
      /`readAhead` must be true or false \(got string\)/,
    );
  });
});
