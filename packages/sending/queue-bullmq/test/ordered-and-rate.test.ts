import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { busiestSecond } from '../../sender/test/helpers.js';
import { type Deployment, deploy, holdWorkersForFile, inFlightCounter, until } from './harness.js';
import { fresh } from './support.js';

interface Arrival {
  path: string;
  id: string;
  at: number;
}

/** A subscriber that records every arrival in order, with its time; `fail` answers 500. */
async function recorder(fail: (path: string, id: string, n: number) => boolean, delayMs = 20) {
  const arrivals: Arrival[] = [];
  const counts = new Map<string, number>();
  const { maxInFlight, enter, leave } = inFlightCounter();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url!;
      const id = String(req.headers['webhook-id']);
      arrivals.push({ path, id, at: Date.now() });
      const n = (counts.get(`${path} ${id}`) ?? 0) + 1;
      counts.set(`${path} ${id}`, n);
      enter(path);
      setTimeout(() => {
        leave(path);
        res.writeHead(fail(path, id, n) ? 500 : 204).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    maxInFlight,
    of: (path: string) => arrivals.filter((a) => a.path === path),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The subscription's deliveries once every one has succeeded (the outcome is stored after the answer). */
async function settled(d: Deployment, subscriptionId: string, count: number) {
  return until(
    async () => {
      const { items } = await d.store.listDeliveries({ subscriptionId, limit: 100 });
      return items.length === count && items.every((x) => x.status === 'succeeded') ? items : undefined;
    },
    10_000,
    'every outcome stored',
  );
}

let deployment: Deployment | undefined;
let subscriber: Awaited<ReturnType<typeof recorder>> | undefined;
holdWorkersForFile(async () => {
  await deployment?.close();
  await subscriber?.close();
  deployment = undefined;
  subscriber = undefined;
});

describe('PostgreSQL + BullMQ with 4 worker processes', () => {
  it('delivers an ordered subscription in publish order despite failures; an unordered one keeps its concurrency', async () => {
    // Events 3 and 7 fail their first attempt, event 10 its first two: the line waits each time.
    const failures = new Map<number, number>([
      [3, 1],
      [7, 1],
      [10, 2],
    ]);
    const ids: string[] = [];
    subscriber = await recorder(
      (path, id, n) => path === '/ordered' && n <= (failures.get(ids.indexOf(id) + 1) ?? 0),
    );
    deployment = await deploy(fresh(), { leaseMs: 10_000, timeoutMs: 5_000, perSubscription: 10 });
    const d = deployment;
    await d.sender.createSubscription({
      url: `${subscriber.url}/ordered`,
      events: ['order.*'],
      ordered: true,
    });
    await d.sender.createSubscription({ url: `${subscriber.url}/free`, events: ['order.*'] });
    const workers = [d.startWorker(), d.startWorker(), d.startWorker(), d.startWorker()];
    await Promise.all(workers.map((w) => w.ready));
    for (let i = 1; i <= 12; i++) {
      ids.push(`ord_${i}`);
      await d.sender.publish({ type: 'order.created', data: { i }, id: `ord_${i}` });
    }
    await until(
      () => subscriber!.of('/ordered').length >= 16,
      45_000,
      'every ordered delivery and its retries',
    );

    const expected = ids.flatMap((id, i) => Array((failures.get(i + 1) ?? 0) + 1).fill(id));
    expect(subscriber.of('/ordered').map((a) => a.id)).toEqual(expected);
    expect(subscriber.maxInFlight.get('/ordered')).toBe(1);
    await until(() => subscriber!.of('/free').length >= 12, 10_000, 'every unordered delivery');
    expect(subscriber.maxInFlight.get('/free')).toBeGreaterThan(1);
    // Waiting for its turn is no attempt: each ordered delivery took its failures + 1 attempts.
    const orderedId = (await d.sender.listSubscriptions()).items[0]!.id;
    const page = await settled(d, orderedId, 12);
    expect(page.map((x) => x.attempts).reverse()).toEqual(ids.map((_, i) => (failures.get(i + 1) ?? 0) + 1));
  }, 90_000);

  it('holds a rate limit across worker processes (a Redis bucket), measured at the subscriber', async () => {
    subscriber = await recorder(() => false, 5);
    deployment = await deploy(fresh(), { leaseMs: 10_000, timeoutMs: 5_000, perSubscription: 10 });
    const d = deployment;
    const limited = await d.sender.createSubscription({
      url: `${subscriber.url}/limited`,
      events: ['*'],
      rateLimit: 5,
    });
    const workers = [d.startWorker(), d.startWorker(), d.startWorker(), d.startWorker()];
    await Promise.all(workers.map((w) => w.ready));
    for (let i = 0; i < 15; i++) await d.sender.publish({ type: 'tick.happened', data: { i } });
    await until(() => subscriber!.of('/limited').length >= 15, 30_000, 'every limited delivery');

    // 5 per second with a burst of 1: at most 6 arrivals in any second, whichever worker sent them.
    expect(busiestSecond(subscriber.of('/limited').map((a) => a.at))).toBeLessThanOrEqual(6);
    expect(new Set(subscriber.of('/limited').map((a) => a.id)).size).toBe(15);
    const page = await settled(d, limited.id, 15);
    expect(page.map((x) => x.attempts)).toEqual(Array(15).fill(1));
  }, 60_000);
});
