import type { SenderStore } from '@hookwire/sender';
import { makeDelivery, makeEvent, makeSubscription } from '@hookwire/sender/testing';
import { expect } from 'vitest';

/**
 * What the SQL stores' migration tests write into a version 1 schema: two tenants'
 * subscriptions, an event of one tenant and an every-tenant event, and their deliveries.
 */
export function version1Rows() {
  const acme = makeSubscription({ tenant: 'acme', events: ['invoice.*'] });
  const globex = makeSubscription({ tenant: 'globex', events: ['*'] });
  // Version 1: one id space; a NULL tenant meant "every tenant".
  const scoped = makeEvent({ id: 'order_1', tenant: 'acme', data: 'scoped' });
  const everyone = makeEvent({ id: 'order_2', data: 'everyone' });
  const rows = [
    [scoped, makeDelivery(scoped, acme)],
    [everyone, makeDelivery(everyone, acme)],
    [everyone, makeDelivery(everyone, globex)],
  ] as const;
  return { acme, globex, scoped, everyone, rows };
}

type Delivery = ReturnType<typeof makeDelivery>;

/** A delivery's values for version 1's insert, attempts (always 0) left to the statement. */
export function deliveryValues(d: Delivery) {
  return [
    d.id,
    d.eventId,
    d.subscriptionId,
    d.tenant,
    d.eventType,
    d.status,
    d.nextAttemptAt,
    d.createdAt,
    d.updatedAt,
  ];
}

/** The attempts the version 3 migration tests wrote (500 after 40 ms, then 200 after 20 ms) read back by the migrated store. */
export async function expectMigratedAttempts(
  store: Required<Pick<SenderStore, 'attemptStats' | 'listAttempts'>>,
  subscriptionId: string,
  deliveryId: string,
  createdAt: number,
) {
  expect(await store.attemptStats(subscriptionId, createdAt - 3_600_000, createdAt)).toEqual({
    attempts: 2,
    successes: 1,
    failures: 1,
    latencyMs: { p50: 20, p95: 40, p99: 40 },
  });
  expect((await store.listAttempts(deliveryId)).map((a) => a.id)).toEqual(['att_1', 'att_2']);
}

/** After the version 2 migration an event id is unique per tenant: requeue, then the same id in another tenant. */
export async function expectEventIdsPerTenant(
  store: Pick<SenderStore, 'requeueDeliveries' | 'insertEvent'>,
  { globex, scoped, rows }: ReturnType<typeof version1Rows>,
) {
  const requeued = await store.requeueDeliveries(
    { eventId: 'order_1', eventTenant: 'acme' },
    scoped.createdAt,
  );
  expect(requeued.map((d) => d.id)).toEqual([rows[0][1].id]);
  // The same id in another tenant is now another event.
  const again = makeEvent({ id: 'order_1', tenant: 'globex' });
  expect(await store.insertEvent(again, [makeDelivery(again, globex)])).toMatchObject({ created: true });
  expect(await store.insertEvent(scoped, [])).toMatchObject({ created: false, deliveries: 1 });
}
