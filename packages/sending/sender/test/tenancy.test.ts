import { createWebhookRequest, WebhookConfigError } from '@hookwire/core';
import {
  bearerAuth,
  createManagementApi,
  createMemoryStore,
  createSender,
  DEFAULT_TENANT,
  SenderLimitError,
  type SenderOptions,
} from '@hookwire/sender';
import { describe, expect, it } from 'vitest';
import { senderAt, senderRejection } from './helpers.js';

const NOW = 1_750_000_000_000;

const setup = (options: Partial<SenderOptions> = {}) => senderAt(NOW, options);

const rejection = senderRejection;

const everything = { url: 'https://a.example/h', events: ['*'] };

describe('publish reaches its own tenant; broadcast every tenant', () => {
  it('sends a publish without a tenant to the default tenant only, the tenant createSubscription uses', async () => {
    const { sender, store } = setup();
    const own = await sender.createSubscription(everything);
    const other = await sender.createSubscription(everything, { tenant: 'acme' });
    expect(own.tenant).toBe(DEFAULT_TENANT);
    const published = await sender.publish({ type: 'stripe.charge.succeeded', data: { customer: 'cus_1' } });
    expect(published.deliveries).toBe(1);
    expect((await store.listDeliveries({ subscriptionId: own.id, limit: 10 })).items).toHaveLength(1);
    expect((await store.listDeliveries({ subscriptionId: other.id, limit: 10 })).items).toEqual([]);
    expect((await store.getEvent(published.id, DEFAULT_TENANT))!.tenant).toBe(DEFAULT_TENANT);
  });

  it('sends a publish with a tenant to that tenant only', async () => {
    const { sender, store } = setup();
    const acme = await sender.createSubscription(everything, { tenant: 'acme' });
    const globex = await sender.createSubscription(everything, { tenant: 'globex' });
    expect((await sender.publish({ type: 'a.b', tenant: 'acme' })).deliveries).toBe(1);
    expect((await store.listDeliveries({ subscriptionId: acme.id, limit: 10 })).items).toHaveLength(1);
    expect((await store.listDeliveries({ subscriptionId: globex.id, limit: 10 })).items).toEqual([]);
  });

  it('broadcasts to every tenant only when asked, and refuses a tenant on broadcast', async () => {
    const { sender, store } = setup();
    await sender.createSubscription(everything);
    await sender.createSubscription(everything, { tenant: 'acme' });
    await sender.createSubscription(
      { url: 'https://a.example/h', events: ['other.*'] },
      { tenant: 'globex' },
    );
    const result = await sender.broadcast({ type: 'a.b', data: { all: true } });
    expect(result).toMatchObject({ deliveries: 2, created: true });
    expect(await store.getEvent(result.id)).not.toHaveProperty('tenant');
    const refused = await rejection(sender.broadcast({ type: 'a.b', tenant: 'acme' } as never));
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'tenant' });
    expect(refused.message).toMatch(/publish\(\{ tenant \}\)/);
  });
});

describe('event ids are unique per tenant', () => {
  it('gives two events for one id in two tenants, and answers each as if the other did not exist', async () => {
    const { sender } = setup();
    await sender.createSubscription(everything, { tenant: 'acme' });
    await sender.createSubscription(everything, { tenant: 'globex' });
    const first = await sender.publish({ type: 'a.b', id: 'order_1', tenant: 'acme', data: 'a' });
    const second = await sender.publish({ type: 'a.b', id: 'order_1', tenant: 'globex', data: 'g' });
    expect(first).toEqual({ id: 'order_1', deliveries: 1, created: true });
    expect(second).toEqual(first);
    expect(await sender.publish({ type: 'a.b', id: 'order_1', tenant: 'acme', data: 'again' })).toEqual({
      id: 'order_1',
      deliveries: 1,
      created: false,
    });
    // A broadcast has its own id space.
    expect(await sender.broadcast({ type: 'a.b', id: 'order_1' })).toEqual({
      id: 'order_1',
      deliveries: 2,
      created: true,
    });
    expect((await sender.broadcast({ type: 'a.b', id: 'order_1' })).created).toBe(false);
  });

  it('redelivers a tenant its own event; another tenant gets the answer for an unknown id', async () => {
    const { sender } = setup();
    await sender.createSubscription(everything, { tenant: 'acme' });
    await sender.createSubscription(everything, { tenant: 'globex' });
    await sender.publish({ type: 'a.b', id: 'order_7', tenant: 'acme' });
    expect(await sender.redeliverEvent('order_7', { tenant: 'acme' })).toBe(1);
    const other = await rejection(sender.redeliverEvent('order_7', { tenant: 'globex' }));
    const unknown = await rejection(sender.redeliverEvent('order_8', { tenant: 'globex' }));
    expect([other.code, other.message.replace('order_7', 'ID')]).toEqual([
      unknown.code,
      unknown.message.replace('order_8', 'ID'),
    ]);
    await sender.publish({ type: 'a.b', id: 'order_9' });
    expect(await sender.redeliverEvent('order_9')).toBe(0); // the default tenant has no subscription
  });

  it('redelivers without a scope (the operator) in the named subscription tenant, or a broadcast', async () => {
    const { sender } = setup();
    const acme = await sender.createSubscription(everything, { tenant: 'acme' });
    const globex = await sender.createSubscription(everything, { tenant: 'globex' });
    await sender.publish({ type: 'a.b', id: 'same', tenant: 'acme' });
    await sender.publish({ type: 'a.b', id: 'same', tenant: 'globex' });
    expect(await sender.redeliverEvent('same', { subscriptionId: globex.id })).toBe(1);
    const [delivery] = (await sender.listDeliveries(globex.id)).items;
    expect(delivery).toMatchObject({ eventId: 'same', tenant: 'globex' });
    await sender.broadcast({ type: 'a.b', id: 'all' });
    expect(await sender.redeliverEvent('all')).toBe(2);
    expect(await sender.redeliverEvent('all', { tenant: 'acme', subscriptionId: acme.id })).toBe(1);
    expect(await rejection(sender.redeliverEvent('all', { tenant: 'acme' }))).toMatchObject({
      field: 'subscriptionId',
    });
  });
});

describe('limits', () => {
  it('refuses a subscription beyond maxSubscriptionsPerTenant, naming the limit and its option', async () => {
    const { sender } = setup({ maxSubscriptionsPerTenant: 2 });
    await sender.createSubscription(everything, { tenant: 'acme' });
    await sender.createSubscription(everything, { tenant: 'acme' });
    const refused = await rejection(sender.createSubscription(everything, { tenant: 'acme' }));
    expect(refused).toBeInstanceOf(SenderLimitError);
    expect(refused).toMatchObject({
      code: 'limit_reached',
      status: 409,
      limit: 'maxSubscriptionsPerTenant',
      max: 2,
    });
    expect(refused.message).toMatch(/2 subscriptions.*`maxSubscriptionsPerTenant`/);
    expect((await sender.listSubscriptions({ tenant: 'acme' })).items).toHaveLength(2);
    await sender.createSubscription(everything, { tenant: 'globex' });
  });

  it('refuses an event that would fan out beyond maxFanOutPerEvent, and stores nothing', async () => {
    const { sender, store } = setup({ maxFanOutPerEvent: 2 });
    for (let i = 0; i < 2; i++) await sender.createSubscription(everything, { tenant: 'acme' });
    expect((await sender.publish({ type: 'a.b', tenant: 'acme' })).deliveries).toBe(2);
    await sender.createSubscription(everything, { tenant: 'acme' });
    const refused = await rejection(sender.publish({ type: 'a.b', id: 'too_wide', tenant: 'acme' }));
    expect(refused).toMatchObject({ code: 'limit_reached', status: 409, limit: 'maxFanOutPerEvent', max: 2 });
    expect(refused.message).toMatch(/more than 2 subscriptions.*`maxFanOutPerEvent`/);
    expect(await store.getEvent('too_wide', 'acme')).toBeUndefined();
    // A broadcast counts every tenant's subscriptions.
    await sender.createSubscription(everything, { tenant: 'globex' });
    expect((await sender.publish({ type: 'a.b', tenant: 'globex' })).deliveries).toBe(1);
    expect(await rejection(sender.broadcast({ type: 'a.b' }))).toMatchObject({ limit: 'maxFanOutPerEvent' });
  });

  it('takes only positive whole numbers for the limits', () => {
    const store = createMemoryStore();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createSender({ store, maxFanOutPerEvent: bad })).toThrow(WebhookConfigError);
      expect(() => createSender({ store, maxSubscriptionsPerTenant: bad })).toThrow(
        /maxSubscriptionsPerTenant/,
      );
    }
  });

  it('answers 409 limit_reached through the management API', async () => {
    const { sender } = setup({ maxSubscriptionsPerTenant: 1 });
    const api = createManagementApi({ sender, authenticate: bearerAuth({ t: 'acme' }) });
    const post = () =>
      api.handle(
        createWebhookRequest({
          method: 'POST',
          url: 'https://service.example/subscriptions',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify(everything),
        }),
      );
    expect((await post()).status).toBe(201);
    const response = await post();
    expect(response.status).toBe(409);
    const body = JSON.parse(Buffer.from(response.body!).toString('utf8'));
    expect(body.error).toMatchObject({ code: 'limit_reached' });
    expect(body.error.message).toMatch(/maxSubscriptionsPerTenant/);
  });
});
