import type { SenderOptions } from '@hookwire/sender';
import { describe, expect, it } from 'vitest';
import { senderAt, senderRejection } from './helpers.js';

const NOW = 1_750_000_000_000;

const setup = (options: Partial<SenderOptions> = {}) => senderAt(NOW, options);

async function rejection(promise: Promise<unknown>) {
  const { code, field, message } = await senderRejection(promise);
  return { code, field, message };
}

describe('publish', () => {
  it('creates one delivery per matching subscription (exact, prefix, wildcard), none for others', async () => {
    const { sender, store } = setup();
    const exact = await sender.createSubscription({ url: 'https://a.example/h', events: ['invoice.paid'] });
    const prefix = await sender.createSubscription({ url: 'https://b.example/h', events: ['invoice.*'] });
    const all = await sender.createSubscription({ url: 'https://c.example/h', events: ['*'] });
    const other = await sender.createSubscription({
      url: 'https://d.example/h',
      events: ['customer.*', 'invoice.created'],
    });
    const result = await sender.publish({ type: 'invoice.paid', data: { amount: 1 } });
    expect(result).toMatchObject({ deliveries: 3, created: true });
    expect(result.id).toMatch(/^evt_[0-9A-Z]{26}$/);
    for (const s of [exact, prefix, all]) {
      const page = await store.listDeliveries({ subscriptionId: s.id, limit: 10 });
      expect(page.items.map((d) => [d.eventId, d.status, d.attempts])).toEqual([[result.id, 'pending', 0]]);
    }
    expect((await store.listDeliveries({ subscriptionId: other.id, limit: 10 })).items).toEqual([]);
    expect(await store.getEvent(result.id, 'default')).toEqual({
      id: result.id,
      tenant: 'default',
      type: 'invoice.paid',
      data: { amount: 1 },
      createdAt: NOW,
    });
  });

  it('does not look at subscriptions whose filters cannot match (index look-up)', async () => {
    const { sender, store } = setup();
    await sender.createSubscription({ url: 'https://a.example/h', events: ['invoice.*'] });
    const asked: string[][] = [];
    const find = store.findSubscriptions.bind(store);
    store.findSubscriptions = (filters, tenant) => {
      asked.push([...filters]);
      return find(filters, tenant);
    };
    await sender.publish({ type: 'invoice.paid.late', data: {} });
    expect(asked).toEqual([['*', 'invoice.paid.late', 'invoice.*', 'invoice.paid.*']]);
  });

  it('is idempotent on the event id', async () => {
    const { sender, store } = setup();
    const s = await sender.createSubscription({ url: 'https://a.example/h', events: ['*'] });
    const first = await sender.publish({ type: 'invoice.paid', id: 'inv_1_paid', data: { n: 1 } });
    const second = await sender.publish({ type: 'invoice.paid', id: 'inv_1_paid', data: { n: 2 } });
    expect(first).toEqual({ id: 'inv_1_paid', deliveries: 1, created: true });
    expect(second).toEqual({ id: 'inv_1_paid', deliveries: 1, created: false });
    expect((await store.listDeliveries({ subscriptionId: s.id, limit: 10 })).items).toHaveLength(1);
    expect((await store.getEvent('inv_1_paid', 'default'))!.data).toEqual({ n: 1 });
  });

  it('scopes events to a tenant (the default one when none is named); broadcast reaches every tenant', async () => {
    const { sender } = setup();
    await sender.createSubscription({ url: 'https://a.example/h', events: ['*'] }, { tenant: 'acme' });
    await sender.createSubscription({ url: 'https://b.example/h', events: ['*'] }, { tenant: 'globex' });
    await sender.createSubscription({ url: 'https://c.example/h', events: ['*'] });
    expect((await sender.publish({ type: 'a.b', tenant: 'acme' })).deliveries).toBe(1);
    expect((await sender.publish({ type: 'a.b' })).deliveries).toBe(1);
    expect((await sender.broadcast({ type: 'a.b' })).deliveries).toBe(3);
    expect(await rejection(sender.publish({ type: 'a.b', tenant: '' }))).toMatchObject({ field: 'tenant' });
  });

  it('skips disabled subscriptions', async () => {
    const { sender } = setup();
    const s = await sender.createSubscription({ url: 'https://a.example/h', events: ['*'] });
    await sender.updateSubscription(s.id, { disabled: true });
    expect((await sender.publish({ type: 'a.b' })).deliveries).toBe(0);
  });

  it('rejects bad input naming the field', async () => {
    const { sender } = setup();
    expect(await rejection(sender.publish({ type: 'has space' }))).toMatchObject({
      code: 'invalid_input',
      field: 'type',
    });
    expect(await rejection(sender.publish({ type: 'a.b', id: 'dot.ted' }))).toMatchObject({ field: 'id' });
    expect(
      await rejection(sender.publish({ type: 'a.b', data: { big: 'x'.repeat(300_000) } })),
    ).toMatchObject({ field: 'data' });
    expect(await rejection(sender.publish({ type: 'a.b', data: { n: 1n } }))).toMatchObject({
      field: 'data',
    });
  });

  it('enforces the event-type catalogue and the data schema', async () => {
    const { sender } = setup({
      eventTypes: [
        {
          name: 'invoice.paid',
          description: 'An invoice was paid',
          schema: {
            type: 'object',
            required: ['amount'],
            properties: { amount: { type: 'integer', minimum: 0 }, currency: { enum: ['EUR', 'USD'] } },
            additionalProperties: false,
          },
        },
      ],
    });
    expect(await sender.listEventTypes()).toHaveLength(1);
    expect(await rejection(sender.publish({ type: 'invoice.voided', data: {} }))).toMatchObject({
      code: 'unknown_event_type',
      field: 'type',
    });
    expect(await rejection(sender.publish({ type: 'invoice.paid', data: {} }))).toMatchObject({
      field: 'data.amount',
    });
    expect(await rejection(sender.publish({ type: 'invoice.paid', data: { amount: -1 } }))).toMatchObject({
      field: 'data.amount',
    });
    expect(
      await rejection(sender.publish({ type: 'invoice.paid', data: { amount: 1, currency: 'GBP' } })),
    ).toMatchObject({
      field: 'data.currency',
    });
    expect(
      await rejection(sender.publish({ type: 'invoice.paid', data: { amount: 1, x: 1 } })),
    ).toMatchObject({ field: 'data.x' });
    expect(
      (await sender.publish({ type: 'invoice.paid', data: { amount: 5, currency: 'EUR' } })).created,
    ).toBe(true);
    expect(
      await rejection(sender.createSubscription({ url: 'https://a.example/h', events: ['invoice.voided'] })),
    ).toMatchObject({ field: 'events[0]' });
    await sender.createSubscription({ url: 'https://a.example/h', events: ['invoice.*', 'invoice.paid'] });
  });
});
