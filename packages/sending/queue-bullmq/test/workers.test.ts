import { describe, expect, it } from 'vitest';
import {
  type Deployment,
  deploy,
  holdWorkersForFile,
  type Subscriber,
  startSubscriber,
  until,
} from './harness.js';
import { deleteKeys, fresh } from './support.js';

let deployment: Deployment | undefined;
let subscriber: Subscriber | undefined;

holdWorkersForFile(async () => {
  await deployment?.close();
  await subscriber?.close();
  deployment = undefined;
  subscriber = undefined;
});

async function publishMany(d: Deployment, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await d.sender.publish({ type: 'order.created', data: { i } })).id);
  return ids;
}

describe('worker processes sharing one BullMQ queue on PostgreSQL', () => {
  it('share the work without delivering a job twice, within the per-subscription bound across processes', async () => {
    subscriber = await startSubscriber(15);
    deployment = await deploy(fresh(), { leaseMs: 10_000, timeoutMs: 5_000, perSubscription: 3 });
    const d = deployment;
    await d.sender.createSubscription({ url: `${subscriber.url}/a`, events: ['order.*'] });
    await d.sender.createSubscription({ url: `${subscriber.url}/b`, events: ['*'] });
    const [one, two] = [d.startWorker(), d.startWorker()];
    await Promise.all([one.ready, two.ready]);
    const ids = await publishMany(d, 80);
    const expected = ids.flatMap((id) => [`/a ${id}`, `/b ${id}`]);
    await until(() => expected.every((key) => subscriber!.acknowledged.has(key)), 30_000, 'every delivery');
    await until(() => one.delivered.length + two.delivered.length >= 160, 5_000, 'the workers to report');

    expect([...subscriber.received.values()].every((count) => count === 1)).toBe(true);
    expect(subscriber.received.size).toBe(160);
    // Each process takes up to 8 at once for a subscription; together they never exceed 3.
    expect(subscriber.maxInFlight.get('/a')).toBeLessThanOrEqual(3);
    expect(subscriber.maxInFlight.get('/b')).toBeLessThanOrEqual(3);
    expect(one.delivered.length).toBeGreaterThan(0);
    expect(two.delivered.length).toBeGreaterThan(0);
    expect(one.delivered.length + two.delivered.length).toBe(160);
    expect(new Set([...one.delivered, ...two.delivered]).size).toBe(160);
  }, 45_000);

  it('delivers every event when a worker is killed with SIGKILL mid-flight', async () => {
    subscriber = await startSubscriber(400);
    deployment = await deploy(fresh(), { leaseMs: 2_000, timeoutMs: 1_500, perSubscription: 10 });
    const d = deployment;
    await d.sender.createSubscription({ url: `${subscriber.url}/hooks`, events: ['order.*'] });
    const victim = d.startWorker();
    await victim.ready;
    const ids = await publishMany(d, 40);
    // Kill while the victim has attempts in flight (the subscriber holds each answer 400 ms).
    await until(
      () => victim.delivered.length >= 2 && subscriber!.inFlight.get('/hooks')! >= 3,
      15_000,
      'work in flight',
    );
    const inFlightBefore = [...subscriber.received.keys()].filter(
      (key) => !subscriber!.acknowledged.has(key),
    );
    victim.proc.kill('SIGKILL');
    await new Promise((resolve) => victim.proc.once('exit', resolve));
    expect(inFlightBefore.length).toBeGreaterThanOrEqual(3);
    // Another worker takes over: what the victim held comes back once its lease (2 s) expired.
    d.startWorker();

    await until(() => ids.every((id) => subscriber!.acknowledged.has(`/hooks ${id}`)), 30_000, 'every event');
    // At least once: whatever the victim held was sent again by the survivor, same webhook-id.
    for (const key of inFlightBefore) {
      expect(subscriber.received.get(key)).toBeGreaterThanOrEqual(2);
      expect(subscriber.acknowledged.has(key)).toBe(true);
    }
  }, 60_000);

  it('restores the queue from PostgreSQL after its Redis keys are wiped mid-run (the sweeper)', async () => {
    // Every 4th event fails its first attempt, so retries wait in BullMQ's delayed set when Redis
    // loses everything; a bound of 2 keeps a backlog waiting too.
    let firsts = 0;
    subscriber = await startSubscriber(40, (_key, n) => n === 1 && firsts++ % 4 === 0);
    const names = fresh();
    deployment = await deploy(names, { leaseMs: 1_500, timeoutMs: 1_000, perSubscription: 2 });
    const d = deployment;
    await d.sender.createSubscription({ url: `${subscriber.url}/hooks`, events: ['order.*'] });
    const workers = [d.startWorker(), d.startWorker()];
    await Promise.all(workers.map((w) => w.ready));
    const ids = await publishMany(d, 60);
    await until(() => subscriber!.acknowledged.size >= 8, 15_000, 'the first deliveries');

    // FLUSHALL, limited to this deployment's keys (the Redis server is shared).
    const before = await d.queue.counts();
    expect(before.waiting + before.delayed).toBeGreaterThan(0);
    expect(await deleteKeys(d.queue, names.prefix)).toBeGreaterThan(0);
    expect(await d.queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0 });

    await until(() => ids.every((id) => subscriber!.acknowledged.has(`/hooks ${id}`)), 40_000, 'every event');
    // An attempt in flight when Redis lost its job may have been sent again by the sweeper, and
    // its late outcome stored last; the sweeper settles that too. In the end nothing is pending.
    const settled = async () => (await d.store.listDueDeliveries(Number.MAX_SAFE_INTEGER, 1)).length === 0;
    for (const deadline = Date.now() + 15_000; !(await settled()); ) {
      if (Date.now() > deadline) throw new Error('deliveries still pending');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);
});
