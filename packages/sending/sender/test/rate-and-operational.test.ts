import { createWebhookRequest } from '@hookwire/core';
import { bearerAuth, createManagementApi } from '@hookwire/sender';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { busiestSecond, deliveryHarness, waitFor } from './helpers.js';

const { makeSender, subscriber } = deliveryHarness();

describe('rate limit per subscription', () => {
  it('holds arrivals at the subscriber to rateLimit + burst in any second, without spending attempts', async () => {
    const limited = await subscriber();
    const free = await subscriber();
    const sender = makeSender();
    const slow = await sender.createSubscription({
      url: `${limited.url}/slow`,
      events: ['*'],
      rateLimit: 10,
    });
    await sender.createSubscription({ url: `${free.url}/free`, events: ['*'] });
    await sender.start();
    for (let i = 0; i < 25; i++) await sender.publish({ type: 'tick.happened', data: { i } });
    await waitFor(() => limited.requests.length === 25, 15_000, 'every limited delivery');

    // 10 per second and a burst of 1 (a tenth of a second's worth): at most 11 in any second.
    expect(busiestSecond(limited.requests.map((r) => r.at))).toBeLessThanOrEqual(11);
    // The unlimited subscription got everything in its first second.
    expect(free.requests).toHaveLength(25);
    expect(busiestSecond(free.requests.map((r) => r.at))).toBe(25);
    // Waiting for a token is not an attempt: each delivery took exactly one. The last outcomes
    // are stored just after their request arrived (the worker writes a turn's outcomes together),
    // so wait until every delivery has left `pending` before counting.
    const deliveries = await waitFor(
      async () => {
        const page = await sender.listDeliveries(slow.id, { limit: 100 });
        return page.items.every((d) => d.status !== 'pending') ? page : undefined;
      },
      5_000,
      'every limited outcome to be stored',
    );
    expect(deliveries.items.map((d) => d.status)).toEqual(Array(25).fill('succeeded'));
    expect(deliveries.items.map((d) => d.attempts)).toEqual(Array(25).fill(1));
  }, 20_000);

  it('refuses a rate limit of 0, a negative or a non-number, naming the field', async () => {
    const sender = makeSender();
    for (const rateLimit of [0, -1, '5', Number.POSITIVE_INFINITY, 1e9]) {
      await expect(
        sender.createSubscription({ url: 'http://127.0.0.1:9/x', events: ['*'], rateLimit } as never),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'rateLimit' });
    }
  });
});

describe('ordered subscription', () => {
  it('lets the line move on once a delivery fails for good, and logs the attempts of each in order', async () => {
    const hook = await subscriber((request, res) =>
      res.writeHead(request.url === '/o' && request.body.includes('"i":2') ? 500 : 204).end(),
    );
    const sender = makeSender({ retrySchedule: [0.02] });
    const subscription = await sender.createSubscription({
      url: `${hook.url}/o`,
      events: ['*'],
      ordered: true,
    });
    await sender.start();
    for (let i = 1; i <= 4; i++) await sender.publish({ type: 'step.done', data: { i }, id: `step_${i}` });
    await waitFor(() => hook.requests.length === 5, 10_000, 'every attempt');
    expect(hook.requests.map((r) => r.headers['webhook-id'])).toEqual([
      'step_1',
      'step_2',
      'step_2',
      'step_3',
      'step_4',
    ]);
    const statuses = await waitFor(
      async () => {
        const { items } = await sender.listDeliveries(subscription.id);
        return items.every((d) => d.status !== 'pending') ? items.map((d) => d.status).reverse() : undefined;
      },
      5000,
      'every outcome',
    );
    expect(statuses).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded']);
  });
});

describe('ordered and rateLimit through the management API', () => {
  it('accepts, shows and clears them; refuses bad values with 400 naming the field', async () => {
    const sender = makeSender();
    const api = createManagementApi({ sender, authenticate: bearerAuth({ t: 'acme' }) });
    const call = async (method: string, path: string, body: unknown) => {
      const response = await api.handle(
        createWebhookRequest({
          method,
          url: `https://service.example/api${path}`,
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      return { status: response.status, body: JSON.parse(String(response.body)) };
    };
    const created = await call('POST', '/subscriptions', {
      url: 'http://127.0.0.1:9/hooks',
      events: ['*'],
      ordered: true,
      rateLimit: 2.5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ordered: true, rateLimit: 2.5, signing: 'hmac' });
    expect(created.body.secret).toMatch(/^whsec_/);
    const patched = await call('PATCH', `/subscriptions/${created.body.id}`, {
      ordered: false,
      rateLimit: null,
    });
    expect(patched.body).toMatchObject({ ordered: false, rateLimit: null });
    for (const [body, field] of [
      [{ rateLimit: 0 }, 'rateLimit'],
      [{ rateLimit: -3 }, 'rateLimit'],
      [{ rateLimit: 'fast' }, 'rateLimit'],
      [{ ordered: 'yes' }, 'ordered'],
      [{ signing: 'rsa' }, 'signing'],
    ] as const) {
      const refused = await call('POST', '/subscriptions', {
        url: 'http://127.0.0.1:9/x',
        events: ['*'],
        ...body,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe(field);
    }
  });
});

describe('operational webhooks', () => {
  it('sends subscription.failing, delivery.failed, subscription.recovered and subscription.disabled, signed, to the operator', async () => {
    const operator = await subscriber();
    // The customer's endpoint fails three times, then recovers; another answers 410 Gone.
    const customer = await subscriber((_q, res, i) => res.writeHead(i < 3 ? 500 : 204).end());
    const gone = await subscriber((_q, res) => res.writeHead(410).end());
    const sender = makeSender({ operationalEvents: { failingAfter: 2 } });
    const ops = await sender.createSubscription(
      { url: `${operator.url}/ops`, events: ['subscription.*', 'delivery.failed'] },
      { tenant: 'operator' },
    );
    const flaky = await sender.createSubscription(
      { url: `${customer.url}/c?token=abc`, events: ['*'] },
      { tenant: 'acme' },
    );
    const doomed = await sender.createSubscription(
      { url: `${gone.url}/g`, events: ['*'] },
      { tenant: 'acme' },
    );
    await sender.start();

    await sender.publish({ type: 'invoice.paid', data: {}, tenant: 'acme' });
    await waitFor(() => customer.requests.length === 3, 5000, 'three failed attempts');
    await sender.publish({ type: 'invoice.paid', data: {}, tenant: 'acme' });
    // failing, recovered, disabled, and delivery.failed for each endpoint (the 410 ends its delivery too).
    await waitFor(() => operator.requests.length === 5, 8000, 'five operational events');

    const secret = ops.secrets[0]!.secret;
    const events = operator.requests.map((request) => {
      const payload = new Webhook(secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }) as { type: string; data: Record<string, unknown> };
      return payload;
    });
    expect(events.map((e) => e.type).sort()).toEqual([
      'delivery.failed',
      'delivery.failed',
      'subscription.disabled',
      'subscription.failing',
      'subscription.recovered',
    ]);
    const failedFor = (id: string) =>
      events.find((e) => e.type === 'delivery.failed' && e.data.subscriptionId === id)?.data;
    const byType = new Map(events.filter((e) => e.type !== 'delivery.failed').map((e) => [e.type, e.data]));
    expect(byType.get('subscription.failing')).toMatchObject({
      subscriptionId: flaky.id,
      tenant: 'acme',
      consecutiveFailures: 2,
      lastError: 'HTTP 500',
    });
    expect(failedFor(flaky.id)).toMatchObject({ attempts: 3, lastStatus: 500, eventType: 'invoice.paid' });
    expect(failedFor(doomed.id)).toMatchObject({ attempts: 1, lastStatus: 410 });
    expect(byType.get('subscription.recovered')).toMatchObject({ subscriptionId: flaky.id });
    expect(byType.get('subscription.disabled')).toMatchObject({ subscriptionId: doomed.id, tenant: 'acme' });
    // The URL without its query: a token there never travels in an operational event.
    expect(JSON.stringify(events)).not.toContain('token=abc');
    // Operational events stay in the operator's tenant.
    expect((await sender.listSubscriptions({ tenant: 'acme' })).items).toHaveLength(2);
  }, 15_000);

  it('never reports on the operator tenant itself (no loop), and is off unless configured', async () => {
    const failing = await subscriber((_q, res) => res.writeHead(500).end());
    const sender = makeSender({ operationalEvents: { failingAfter: 1 }, retrySchedule: [0.02] });
    const own = await sender.createSubscription(
      { url: `${failing.url}/ops`, events: ['*'] },
      { tenant: 'operator' },
    );
    await sender.start();
    await sender.publish({ type: 'thing.happened', data: {}, tenant: 'operator' });
    await waitFor(
      async () => (await sender.listDeliveries(own.id)).items[0]?.status === 'failed',
      5000,
      'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(failing.requests).toHaveLength(2);

    const quiet = makeSender({ retrySchedule: [0.02] });
    const ops = await quiet.createSubscription(
      { url: `${failing.url}/quiet`, events: ['*'] },
      { tenant: 'operator' },
    );
    const customer = await quiet.createSubscription({ url: `${failing.url}/customer`, events: ['*'] });
    await quiet.start();
    await quiet.publish({ type: 'thing.happened', data: {} });
    await waitFor(
      async () => (await quiet.listDeliveries(customer.id)).items[0]?.status === 'failed',
      5000,
      'failed',
    );
    expect((await quiet.listDeliveries(ops.id)).items).toEqual([]);
  });
});
