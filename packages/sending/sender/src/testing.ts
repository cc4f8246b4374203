/**
 * The store conformance suite: one suite for every `SenderStore` (memory, SQLite, PostgreSQL…).
 *
 * ```ts
 * import { describeSenderStore } from '@hookwire/sender/testing';
 * describeSenderStore('sqlite', async () => createSqliteStore({ path: ':memory:' }));
 * ```
 *
 * The queue half runs unless `queue: false` is passed (a store that is not its own queue); every
 * queue, the stores that are one and external ones, also runs `describeDeliveryQueue`.
 * Needs vitest (an optional peer dependency of this subpath).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCandidateLookUp } from './candidate-conformance.js';
import { describeDeliveryFeatures } from './delivery-conformance.js';
import { newId } from './ids.js';
import type { DeliveryQueue, SenderStore } from './store.js';
import { describeStoreFeatures } from './store-feature-conformance.js';
import type { Delivery, StoredEvent, Subscription } from './types.js';

export { FILTER_PAYLOADS, FILTER_TABLE } from './filter-table.js';
export {
  type DeliveryQueueSuiteOptions,
  describeDeliveryQueue,
  type QueueUnderTest,
} from './queue-conformance.js';
export { waitFor } from './wait-for.js';

export interface SenderStoreSuiteOptions {
  /**
   * Run the queue tests (default true): the store must then be its own queue (`store.queue`).
   * Pass `false` for a store that is not one: its cases are not registered, never skipped.
   */
  queue?: boolean;
}

const T0 = 1_700_000_000_000;

/** A valid subscription record for store tests. */
export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: newId('sub', T0),
    tenant: 'acme',
    url: 'https://example.com/hooks',
    events: ['invoice.*'],
    secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: T0 }],
    headers: { 'x-api-key': 'k' },
    metadata: { plan: 'pro' },
    format: 'standard',
    disabled: false,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id: newId('evt', T0),
    type: 'invoice.paid',
    data: { amount: 42, nested: { ok: true } },
    createdAt: T0,
    ...overrides,
  };
}

export function makeDelivery(
  event: StoredEvent,
  subscription: Subscription,
  overrides: Partial<Delivery> = {},
): Delivery {
  return {
    id: newId('dlv', T0),
    eventId: event.id,
    subscriptionId: subscription.id,
    tenant: subscription.tenant,
    eventType: event.type,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function describeSenderStore(
  name: string,
  makeStore: () => SenderStore | Promise<SenderStore>,
  options: SenderStoreSuiteOptions = {},
): void {
  describe(`SenderStore conformance: ${name}`, () => {
    let store: SenderStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close?.();
    });

    async function publish(
      subscriptions: Subscription[],
      overrides: Partial<StoredEvent> = {},
      d: Partial<Delivery> = {},
    ) {
      const event = makeEvent(overrides);
      const deliveries = subscriptions.map((s) => makeDelivery(event, s, d));
      await store.insertEvent(event, deliveries);
      return { event, deliveries };
    }

    describe('subscriptions', () => {
      it('stores and returns a subscription field for field, as a copy', async () => {
        const subscription = makeSubscription({
          description: 'billing',
          retrySchedule: [1, 2],
          secrets: [
            { secret: 'whsec_bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3', createdAt: T0 + 5 },
            { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: T0, expiresAt: T0 + 99 },
          ],
        });
        await store.insertSubscription(subscription);
        const got = await store.getSubscription(subscription.id);
        expect(got).toEqual(subscription);
        got!.events.push('mutated');
        got!.headers.extra = 'x';
        expect(await store.getSubscription(subscription.id)).toEqual(subscription);
        expect(await store.getSubscription('sub_missing')).toBeUndefined();
      });

      it('patches fields, clears those patched to undefined, and re-indexes filters', async () => {
        const subscription = makeSubscription({ description: 'old', failingSince: T0 });
        await store.insertSubscription(subscription);
        const updated = await store.updateSubscription(subscription.id, {
          events: ['customer.created'],
          description: undefined,
          failingSince: undefined,
          disabledReason: 'x',
          updatedAt: T0 + 1,
        });
        expect(updated).toMatchObject({
          events: ['customer.created'],
          disabledReason: 'x',
          updatedAt: T0 + 1,
        });
        expect(updated).not.toHaveProperty('description');
        expect(updated).not.toHaveProperty('failingSince');
        expect(await store.getSubscription(subscription.id)).toEqual(updated);
        expect(await store.findSubscriptions(['invoice.*'])).toEqual([]);
        expect((await store.findSubscriptions(['customer.created'])).map((s) => s.id)).toEqual([
          subscription.id,
        ]);
        expect(await store.updateSubscription('sub_missing', { url: 'https://x.example' })).toBeUndefined();
      });

      it('deletes a subscription and its index entries', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        expect(await store.deleteSubscription(subscription.id)).toBe(true);
        expect(await store.deleteSubscription(subscription.id)).toBe(false);
        expect(await store.getSubscription(subscription.id)).toBeUndefined();
        expect(await store.findSubscriptions(['invoice.*'])).toEqual([]);
      });

      it('pages through subscriptions by cursor, oldest first, per tenant', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const subscription = makeSubscription({ tenant: i % 2 === 0 ? 'acme' : 'globex' });
          ids.push(subscription.id);
          await store.insertSubscription(subscription);
        }
        const first = await store.listSubscriptions({ limit: 2 });
        expect(first.items.map((s) => s.id)).toEqual(ids.slice(0, 2));
        const second = await store.listSubscriptions({ limit: 2, cursor: first.nextCursor! });
        expect(second.items.map((s) => s.id)).toEqual(ids.slice(2, 4));
        const third = await store.listSubscriptions({ limit: 2, cursor: second.nextCursor! });
        expect(third.items.map((s) => s.id)).toEqual(ids.slice(4));
        expect(third.nextCursor).toBeUndefined();
        const acme = await store.listSubscriptions({ limit: 10, tenant: 'acme' });
        expect(acme.items.map((s) => s.id)).toEqual([ids[0], ids[2], ids[4]]);
        expect(acme.nextCursor).toBeUndefined();
      });

      it('finds subscriptions by filter: exact, prefix, wildcard, tenant; disabled ones left out; each once', async () => {
        const exact = makeSubscription({ events: ['invoice.paid'] });
        const prefix = makeSubscription({ events: ['invoice.*', 'invoice.paid'] });
        const all = makeSubscription({ events: ['*'], tenant: 'globex' });
        const other = makeSubscription({ events: ['customer.*'] });
        const disabled = makeSubscription({ events: ['*'], disabled: true, disabledReason: 'gone' });
        for (const s of [exact, prefix, all, other, disabled]) await store.insertSubscription(s);
        const filters = ['*', 'invoice.paid', 'invoice.*'];
        const found = await store.findSubscriptions(filters);
        expect(found.map((s) => s.id).sort()).toEqual([exact.id, prefix.id, all.id].sort());
        const acme = await store.findSubscriptions(filters, 'acme');
        expect(acme.map((s) => s.id).sort()).toEqual([exact.id, prefix.id].sort());
        expect(await store.findSubscriptions(['*', 'refund.created', 'refund.*'], 'acme')).toEqual([]);
        expect(await store.findSubscriptions(filters, 'initech')).toEqual([]);
        expect(found.find((s) => s.id === prefix.id)).toEqual(prefix);
      });

      it('finds at most `limit` subscriptions, of one tenant or of all', async () => {
        for (let i = 0; i < 4; i++) {
          await store.insertSubscription(makeSubscription({ events: ['*', 'invoice.paid'] }));
          await store.insertSubscription(makeSubscription({ events: ['*'], tenant: 'globex' }));
        }
        const filters = ['*', 'invoice.paid', 'invoice.*'];
        expect(await store.findSubscriptions(filters, 'acme', 3)).toHaveLength(3);
        expect(await store.findSubscriptions(filters, 'acme', 5)).toHaveLength(4);
        expect(await store.findSubscriptions(filters, undefined, 7)).toHaveLength(7);
        expect(await store.findSubscriptions(filters, undefined, 9)).toHaveLength(8);
        const acme = await store.findSubscriptions(filters, 'acme', 2);
        expect(acme.every((s) => s.tenant === 'acme')).toBe(true);
      });

      it('refuses a subscription beyond maxPerTenant, counting its own tenant only', async () => {
        const limit = { maxPerTenant: 2 };
        const first = makeSubscription();
        expect(await store.insertSubscription(first, limit)).toBe(true);
        expect(await store.insertSubscription(makeSubscription(), limit)).toBe(true);
        const refused = makeSubscription();
        expect(await store.insertSubscription(refused, limit)).toBe(false);
        expect(await store.getSubscription(refused.id)).toBeUndefined();
        expect(await store.findSubscriptions(['invoice.*'], 'acme')).toHaveLength(2);
        expect(await store.insertSubscription(makeSubscription({ tenant: 'globex' }), limit)).toBe(true);
        await store.deleteSubscription(first.id);
        expect(await store.insertSubscription(refused, limit)).toBe(true);
        expect(await store.insertSubscription(makeSubscription())).toBe(true);
      });
    });

    describe('event types', () => {
      it('upserts by name and lists by name', async () => {
        await store.putEventTypes([
          { name: 'invoice.paid', description: 'v1', schema: { type: 'object', required: ['amount'] } },
          { name: 'customer.created' },
        ]);
        await store.putEventTypes([{ name: 'invoice.paid', description: 'v2' }]);
        expect(await store.listEventTypes()).toEqual([
          { name: 'customer.created' },
          { name: 'invoice.paid', description: 'v2' },
        ]);
      });
    });

    describeStoreFeatures(() => store, { makeSubscription });
    describeCandidateLookUp(() => store, { makeSubscription, makeEvent });
    describeDeliveryFeatures(
      () => store,
      { makeSubscription, makeEvent, makeDelivery },
      options.queue !== false,
    );

    describe('events and deliveries', () => {
      it('stores an event with its deliveries, once per id', async () => {
        const a = makeSubscription();
        const b = makeSubscription();
        await store.insertSubscription(a);
        await store.insertSubscription(b);
        const event = makeEvent({ tenant: 'acme' });
        const deliveries = [makeDelivery(event, a), makeDelivery(event, b)];
        expect(await store.insertEvent(event, deliveries)).toEqual({ created: true, event, deliveries: 2 });
        expect(await store.getEvent(event.id, 'acme')).toEqual(event);
        expect(await store.getEvent(event.id)).toBeUndefined();
        expect(await store.getEvent(event.id, 'globex')).toBeUndefined();
        expect(await store.getDelivery(deliveries[0]!.id)).toEqual(deliveries[0]);
        const again = await store.insertEvent({ ...event, data: 'other' }, [makeDelivery(event, a)]);
        expect(again).toEqual({ created: false, event, deliveries: 2 });
        expect((await store.listDeliveries({ subscriptionId: a.id, limit: 10 })).items).toHaveLength(1);
        expect(await store.getEvent('evt_missing')).toBeUndefined();
        expect(await store.getDelivery('dlv_missing')).toBeUndefined();
      });

      it('stores a fan-out of 1,200 deliveries in one piece, and the same id again writes none', async () => {
        const subscriptions = Array.from({ length: 1200 }, () => makeSubscription());
        for (const s of subscriptions) await store.insertSubscription(s);
        const event = makeEvent();
        const deliveries = subscriptions.map((s) => makeDelivery(event, s));
        expect(await store.insertEvent(event, deliveries)).toEqual({
          created: true,
          event,
          deliveries: 1200,
        });
        for (const i of [0, 499, 500, 1199]) {
          expect(await store.getDelivery(deliveries[i]!.id)).toEqual(deliveries[i]);
        }
        const again = subscriptions.slice(0, 600).map((s) => makeDelivery(event, s));
        expect(await store.insertEvent(event, again)).toEqual({ created: false, event, deliveries: 1200 });
        expect(await store.getDelivery(again[599]!.id)).toBeUndefined();
      });

      it('keeps event ids unique per tenant: the same id in another tenant or as a broadcast is another event', async () => {
        const a = makeSubscription();
        const g = makeSubscription({ tenant: 'globex' });
        await store.insertSubscription(a);
        await store.insertSubscription(g);
        const id = 'order_1_paid';
        const acme = makeEvent({ id, tenant: 'acme', data: 'acme' });
        const globex = makeEvent({ id, tenant: 'globex', data: 'globex' });
        const broadcast = makeEvent({ id, data: 'everyone' });
        const acmeDelivery = makeDelivery(acme, a);
        const globexDelivery = makeDelivery(globex, g);
        const broadcastDeliveries = [makeDelivery(broadcast, a), makeDelivery(broadcast, g)];
        expect(await store.insertEvent(acme, [acmeDelivery])).toMatchObject({ created: true, deliveries: 1 });
        expect(await store.insertEvent(globex, [globexDelivery])).toMatchObject({
          created: true,
          deliveries: 1,
        });
        expect(await store.insertEvent(broadcast, broadcastDeliveries)).toMatchObject({
          created: true,
          deliveries: 2,
        });
        expect(await store.insertEvent({ ...acme, data: 'again' }, [makeDelivery(acme, a)])).toEqual({
          created: false,
          event: acme,
          deliveries: 1,
        });
        expect(await store.getEvent(id, 'acme')).toEqual(acme);
        expect(await store.getEvent(id, 'globex')).toEqual(globex);
        expect(await store.getEvent(id)).toEqual(broadcast);
        const jobs = await store.loadJobs([
          acmeDelivery.id,
          globexDelivery.id,
          ...broadcastDeliveries.map((d) => d.id),
        ]);
        expect(new Map(jobs.map((job) => [job.delivery.id, job.event.data]))).toEqual(
          new Map([
            [acmeDelivery.id, 'acme'],
            [globexDelivery.id, 'globex'],
            [broadcastDeliveries[0]!.id, 'everyone'],
            [broadcastDeliveries[1]!.id, 'everyone'],
          ]),
        );
        const now = T0 + 1000;
        const requeued = await store.requeueDeliveries({ eventId: id, eventTenant: 'globex' }, now);
        expect(requeued.map((d) => d.id)).toEqual([globexDelivery.id]);
        const everyone = await store.requeueDeliveries({ eventId: id }, now);
        expect(everyone.map((d) => d.id).sort()).toEqual(broadcastDeliveries.map((d) => d.id).sort());
        expect(await store.requeueDeliveries({ eventId: id, eventTenant: 'initech' }, now)).toEqual([]);
      });

      it('keeps any JSON data as it was given', async () => {
        for (const data of [null, 0, 'text', [1, { a: 'é' }], { deep: { list: [true, null] } }]) {
          const event = makeEvent({ data });
          await store.insertEvent(event, []);
          expect((await store.getEvent(event.id))!.data).toEqual(data);
        }
      });

      it('lists a subscription deliveries newest first, by status, by cursor', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const { deliveries } = await publish(
            [subscription],
            {},
            i === 1 || i === 3 ? { status: 'failed' } : {},
          );
          ids.push(deliveries[0]!.id);
        }
        const page = await store.listDeliveries({ subscriptionId: subscription.id, limit: 3 });
        expect(page.items.map((d) => d.id)).toEqual([ids[4], ids[3], ids[2]]);
        const next = await store.listDeliveries({
          subscriptionId: subscription.id,
          limit: 3,
          cursor: page.nextCursor!,
        });
        expect(next.items.map((d) => d.id)).toEqual([ids[1], ids[0]]);
        expect(next.nextCursor).toBeUndefined();
        const failed = await store.listDeliveries({
          subscriptionId: subscription.id,
          limit: 10,
          status: 'failed',
        });
        expect(failed.items.map((d) => d.id)).toEqual([ids[3], ids[1]]);
      });

      it('loads jobs with event and subscription; a deleted subscription comes back absent', async () => {
        const a = makeSubscription();
        const b = makeSubscription();
        await store.insertSubscription(a);
        await store.insertSubscription(b);
        const { event, deliveries } = await publish([a, b]);
        await store.deleteSubscription(b.id);
        const jobs = await store.loadJobs([deliveries[0]!.id, 'dlv_missing', deliveries[1]!.id]);
        expect(jobs).toHaveLength(2);
        const byId = new Map(jobs.map((job) => [job.delivery.id, job]));
        expect(byId.get(deliveries[0]!.id)).toEqual({ delivery: deliveries[0], event, subscription: a });
        expect(byId.get(deliveries[1]!.id)!.subscription).toBeUndefined();
      });

      it('records attempts and the delivery outcome atomically', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const { deliveries } = await publish([subscription]);
        const id = deliveries[0]!.id;
        const attempt = {
          id: newId('att', T0),
          deliveryId: id,
          attempt: 1,
          startedAt: T0,
          durationMs: 12.5,
          status: 500,
          responseExcerpt: 'oops',
        };
        expect(
          await store.recordAttempts([
            {
              deliveryId: id,
              attempt,
              status: 'pending',
              nextAttemptAt: T0 + 5000,
              lastStatus: 500,
              lastError: 'HTTP 500',
              updatedAt: T0 + 1,
            },
          ]),
        ).toEqual([true]);
        expect(await store.getDelivery(id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          nextAttemptAt: T0 + 5000,
          lastStatus: 500,
          lastError: 'HTTP 500',
          updatedAt: T0 + 1,
        });
        const second = {
          id: newId('att', T0 + 6000),
          deliveryId: id,
          attempt: 2,
          startedAt: T0 + 6000,
          durationMs: 3,
          status: 204,
        };
        const third = {
          deliveryId: 'dlv_missing',
          status: 'failed' as const,
          nextAttemptAt: T0,
          updatedAt: T0,
        };
        expect(
          await store.recordAttempts([
            {
              deliveryId: id,
              attempt: second,
              status: 'succeeded',
              nextAttemptAt: T0 + 6003,
              lastStatus: 204,
              updatedAt: T0 + 6003,
            },
            third,
          ]),
        ).toEqual([true, false]);
        const done = await store.getDelivery(id);
        expect(done).toMatchObject({ status: 'succeeded', attempts: 2, lastStatus: 204 });
        expect(done).not.toHaveProperty('lastError');
        expect(await store.listAttempts(id)).toEqual([attempt, second]);
        expect(await store.listAttempts('dlv_missing')).toEqual([]);
      });

      it('closes a delivery without an attempt', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const { deliveries } = await publish([subscription]);
        const id = deliveries[0]!.id;
        await store.recordAttempts([
          {
            deliveryId: id,
            status: 'failed',
            nextAttemptAt: T0,
            lastError: 'subscription deleted',
            updatedAt: T0,
          },
        ]);
        expect(await store.getDelivery(id)).toMatchObject({
          status: 'failed',
          attempts: 0,
          lastError: 'subscription deleted',
        });
        expect(await store.listAttempts(id)).toEqual([]);
      });

      it('requeues by delivery, by failed-since and by event', async () => {
        const a = makeSubscription();
        const b = makeSubscription();
        await store.insertSubscription(a);
        await store.insertSubscription(b);
        const old = await publish([a], {}, { status: 'failed', createdAt: T0 - 10_000 });
        const recent = await publish([a, b], {}, { status: 'failed', createdAt: T0 });
        const ok = await publish([a], {}, { status: 'succeeded' });
        const now = T0 + 50_000;

        const one = await store.requeueDeliveries({ deliveryId: ok.deliveries[0]!.id }, now);
        expect(one.map((d) => [d.id, d.status, d.nextAttemptAt])).toEqual([
          [ok.deliveries[0]!.id, 'pending', now],
        ]);

        const since = await store.requeueDeliveries(
          { subscriptionId: a.id, status: 'failed', since: T0 - 1 },
          now,
        );
        expect(since.map((d) => d.id)).toEqual([recent.deliveries[0]!.id]);
        expect((await store.getDelivery(old.deliveries[0]!.id))!.status).toBe('failed');

        const byEvent = await store.requeueDeliveries(
          { eventId: recent.event.id, subscriptionId: b.id },
          now,
        );
        expect(byEvent.map((d) => d.id)).toEqual([recent.deliveries[1]!.id]);
        const all = await store.requeueDeliveries({ eventId: old.event.id }, now);
        expect(all.map((d) => d.id)).toEqual([old.deliveries[0]!.id]);
        expect(await store.requeueDeliveries({ deliveryId: 'dlv_missing' }, now)).toEqual([]);
      });

      it('lists pending deliveries that are due, oldest due first', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const late = await publish([subscription], {}, { nextAttemptAt: T0 + 100 });
        const early = await publish([subscription], {}, { nextAttemptAt: T0 + 50 });
        await publish([subscription], {}, { nextAttemptAt: T0 + 10_000 });
        await publish([subscription], {}, { status: 'failed', nextAttemptAt: T0 });
        const due = await store.listDueDeliveries(T0 + 1000, 10);
        expect(due.map((d) => d.id)).toEqual([early.deliveries[0]!.id, late.deliveries[0]!.id]);
        expect(await store.listDueDeliveries(T0 + 1000, 1)).toHaveLength(1);
      });
    });

    describe('queue', () => {
      // Registered or not, never skipped: in CI a skipped test fails the run.
      if (options.queue === false) return;
      let queue: SenderStore & DeliveryQueue;
      beforeEach(() => {
        if (store.queue === undefined && options.queue !== true) {
          throw new Error(
            `The ${name} store declares no \`queue\`: pass { queue: false } to describeSenderStore when it is not its own delivery queue.`,
          );
        }
        queue = (store.queue ?? store) as SenderStore & DeliveryQueue;
      });

      it('leases due deliveries once, up to the limit; a lease expires and is handed out again', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const a = await publish([subscription], {}, { nextAttemptAt: T0 });
        const b = await publish([subscription], {}, { nextAttemptAt: T0 + 10 });
        await publish([subscription], {}, { nextAttemptAt: T0 + 60_000 });
        const first = await queue.claim({ limit: 1, leaseMs: 1000, now: T0 + 20 });
        expect(first.map((l) => l.deliveryId)).toEqual([a.deliveries[0]!.id]);
        const second = await queue.claim({ limit: 10, leaseMs: 1000, now: T0 + 20 });
        expect(second.map((l) => l.deliveryId)).toEqual([b.deliveries[0]!.id]);
        expect(await queue.claim({ limit: 10, leaseMs: 1000, now: T0 + 500 })).toEqual([]);
        // The first worker died: its lease expires and another worker takes the delivery over.
        const retaken = await queue.claim({ limit: 10, leaseMs: 1000, now: T0 + 1021 });
        expect(retaken.map((l) => l.deliveryId).sort()).toEqual(
          [a.deliveries[0]!.id, b.deliveries[0]!.id].sort(),
        );
        const lost = await store.recordAttempts([
          {
            deliveryId: a.deliveries[0]!.id,
            leaseToken: first[0]!.token,
            status: 'succeeded',
            nextAttemptAt: T0,
            updatedAt: T0,
          },
        ]);
        expect(lost).toEqual([false]);
        const token = retaken.find((l) => l.deliveryId === a.deliveries[0]!.id)!.token;
        expect(token).not.toBe(first[0]!.token);
        const kept = await store.recordAttempts([
          {
            deliveryId: a.deliveries[0]!.id,
            leaseToken: token,
            status: 'succeeded',
            nextAttemptAt: T0,
            updatedAt: T0,
          },
        ]);
        expect(kept).toEqual([true]);
        await queue.settle(retaken[0]!);
        expect((await store.getDelivery(a.deliveries[0]!.id))!.status).toBe('succeeded');
        expect(await queue.claim({ limit: 10, leaseMs: 1000, now: T0 + 1500 })).toEqual([]);
      });

      it('hands a retry out again when it is due', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const { deliveries } = await publish([subscription]);
        const [lease] = await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 });
        await store.recordAttempts([
          {
            deliveryId: lease!.deliveryId,
            leaseToken: lease!.token,
            status: 'pending',
            nextAttemptAt: T0 + 5000,
            updatedAt: T0,
          },
        ]);
        await queue.settle(lease!, T0 + 5000);
        expect(await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 + 4999 })).toEqual([]);
        const again = await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 + 5000 });
        expect(again.map((l) => l.deliveryId)).toEqual([deliveries[0]!.id]);
      });

      it('releases a lease without an attempt', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        await publish([subscription]);
        const [lease] = await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 });
        await queue.release(lease!, T0 + 100);
        expect(await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 + 99 })).toEqual([]);
        expect(await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 + 100 })).toHaveLength(1);
        expect((await store.getDelivery(lease!.deliveryId))!.attempts).toBe(0);
      });

      it('skips subscriptions at their bound, and never leases a finished delivery', async () => {
        const busy = makeSubscription();
        const idle = makeSubscription();
        await store.insertSubscription(busy);
        await store.insertSubscription(idle);
        await publish([busy]);
        const other = await publish([idle]);
        await publish([busy], {}, { status: 'succeeded' });
        const leases = await queue.claim({
          limit: 10,
          leaseMs: 1000,
          now: T0,
          skipSubscriptions: new Set([busy.id]),
        });
        expect(leases.map((l) => l.deliveryId)).toEqual([other.deliveries[0]!.id]);
        expect(await queue.claim({ limit: 10, leaseMs: 1000, now: T0 })).toHaveLength(1);
      });

      it('does not requeue a delivery in flight', async () => {
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        const { deliveries } = await publish([subscription]);
        await queue.claim({ limit: 1, leaseMs: 30_000, now: T0 });
        expect(await store.requeueDeliveries({ deliveryId: deliveries[0]!.id }, T0 + 10)).toEqual([]);
        expect(await store.requeueDeliveries({ deliveryId: deliveries[0]!.id }, T0 + 30_001)).toHaveLength(1);
      });

      it('tells how long until the next delivery is due', async () => {
        if (!queue.nextDueIn) return;
        expect(await queue.nextDueIn(T0)).toBeUndefined();
        const subscription = makeSubscription();
        await store.insertSubscription(subscription);
        await publish([subscription], {}, { nextAttemptAt: T0 + 700 });
        expect(await queue.nextDueIn(T0)).toBe(700);
      });
    });
  });
}
