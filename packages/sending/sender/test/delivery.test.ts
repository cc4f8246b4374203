import { createHmac } from 'node:crypto';
import type { PublishInput, Sender, SubscriptionInput } from '@hookwire/sender';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { deliveryHarness, waitFor } from './helpers.js';

const { makeSender, subscriber } = deliveryHarness({ timeoutMs: 1000, retryAfterMinMs: 0 });

async function settled(sender: Sender, deliveryIdOf: () => Promise<string>, status: 'succeeded' | 'failed') {
  return waitFor(
    async () => {
      const delivery = await sender.getDelivery(await deliveryIdOf());
      return delivery.status === status ? delivery : undefined;
    },
    8000,
    `delivery ${status}`,
  );
}

async function onlyDelivery(sender: Sender, subscriptionId: string) {
  return waitFor(async () => (await sender.listDeliveries(subscriptionId)).items[0], 2000, 'a delivery');
}

async function settledOnly(sender: Sender, subscriptionId: string, status: 'succeeded' | 'failed') {
  return settled(sender, async () => (await onlyDelivery(sender, subscriptionId)).id, status);
}

/** Subscribes `url` to every event, starts the sender, publishes `message` and waits for its one delivery to settle. */
async function deliverOne(
  sender: Sender,
  input: Pick<SubscriptionInput, 'url'> & Partial<SubscriptionInput>,
  status: 'succeeded' | 'failed',
  message: PublishInput = { type: 'a.b' },
) {
  const subscription = await sender.createSubscription({ events: ['*'], ...input });
  await sender.start();
  const published = await sender.publish(message);
  const delivery = await settledOnly(sender, subscription.id, status);
  return { subscription, published, delivery };
}

describe('delivery', () => {
  it('POSTs the Standard Webhooks request, verified by the official library', async () => {
    const hook = await subscriber();
    // A fixed clock near the real one: the official library checks the timestamp against its own.
    const now = Math.floor(Date.now() / 1000) * 1000 + 250;
    const sender = makeSender({ now: () => now });
    const subscription = await sender.createSubscription({
      url: `${hook.url}/in?x=1`,
      events: ['invoice.*'],
      headers: { 'X-Api-Key': 'abc' },
    });
    await sender.start();
    const { id } = await sender.publish({ type: 'invoice.paid', data: { amount: 42, note: 'é' } });
    await waitFor(() => hook.requests.length === 1);
    const [request] = hook.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/in?x=1');
    expect(request!.headers['webhook-id']).toBe(id);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['user-agent']).toMatch(/^Hookwire\//);
    expect(request!.headers['x-api-key']).toBe('abc');
    expect(request!.headers['webhook-timestamp']).toBe(String((now - 250) / 1000));
    const payload = new Webhook(subscription.secrets[0]!.secret).verify(request!.body, {
      'webhook-id': request!.headers['webhook-id'] as string,
      'webhook-timestamp': request!.headers['webhook-timestamp'] as string,
      'webhook-signature': request!.headers['webhook-signature'] as string,
    });
    expect(payload).toEqual({
      type: 'invoice.paid',
      timestamp: expect.any(String),
      data: { amount: 42, note: 'é' },
    });
    expect(JSON.parse(request!.body).timestamp).toBe(new Date(now).toISOString());
    expect(() =>
      new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(request!.body, {
        'webhook-id': id,
        'webhook-timestamp': request!.headers['webhook-timestamp'] as string,
        'webhook-signature': request!.headers['webhook-signature'] as string,
      }),
    ).toThrow(/No matching signature/);
    const delivery = await settledOnly(sender, subscription.id, 'succeeded');
    expect(delivery).toMatchObject({ attempts: 1, lastStatus: 204 });
    const attempts = await sender.listAttempts(delivery.id);
    expect(attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 204,
        durationMs: expect.any(Number),
        startedAt: expect.any(Number),
      }),
    ]);
  });

  it('fans out by filter with the same webhook-id for every subscriber', async () => {
    const a = await subscriber();
    const b = await subscriber();
    const c = await subscriber();
    const sender = makeSender();
    await sender.createSubscription({ url: a.url, events: ['invoice.*'] });
    await sender.createSubscription({ url: b.url, events: ['*'] });
    await sender.createSubscription({ url: c.url, events: ['customer.created'] });
    await sender.start();
    const { id, deliveries } = await sender.publish({ type: 'invoice.paid', data: {} });
    expect(deliveries).toBe(2);
    await waitFor(() => a.requests.length === 1 && b.requests.length === 1);
    expect(a.requests[0]!.headers['webhook-id']).toBe(id);
    expect(b.requests[0]!.headers['webhook-id']).toBe(id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(c.requests).toHaveLength(0);
  });

  it('retries a 500 on the schedule with the same webhook-id and a fresh timestamp, and logs every attempt', async () => {
    const hook = await subscriber((_q, res, i) =>
      i < 2 ? res.writeHead(500).end('boom') : res.writeHead(200).end('ok'),
    );
    const succeeded: string[] = [];
    const sender = makeSender({ onDeliverySucceeded: ({ delivery }) => void succeeded.push(delivery.id) });
    const {
      published: { id },
      delivery,
    } = await deliverOne(sender, { url: hook.url }, 'succeeded', { type: 'a.b', data: { n: 1 } });
    expect(hook.requests.map((r) => r.headers['webhook-id'])).toEqual([id, id, id]);
    expect(new Set(hook.requests.map((r) => r.body)).size).toBe(1);
    expect(hook.requests[1]!.at - hook.requests[0]!.at).toBeGreaterThanOrEqual(45);
    const attempts = await sender.listAttempts(delivery.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.responseExcerpt])).toEqual([
      [1, 500, 'boom'],
      [2, 500, 'boom'],
      [3, 200, 'ok'],
    ]);
    expect(succeeded).toEqual([delivery.id]);
  });

  it('marks the delivery failed when the schedule runs out, and calls onDeliveryFailed even if hooks throw', async () => {
    const hook = await subscriber((_q, res) => res.writeHead(502).end());
    const failed: string[] = [];
    const errors: unknown[] = [];
    const sender = makeSender({
      onAttempt: () => {
        throw new Error('hook bug');
      },
      onDeliveryFailed: async ({ delivery }) => {
        failed.push(delivery.id);
        throw new Error('async hook bug');
      },
      onError: (error) => void errors.push(error),
    });
    const { delivery } = await deliverOne(sender, { url: hook.url }, 'failed');
    expect(hook.requests).toHaveLength(3);
    expect(delivery).toMatchObject({ attempts: 3, lastStatus: 502, lastError: 'HTTP 502' });
    await waitFor(() => failed.length === 1 && errors.length === 4);
    expect(failed).toEqual([delivery.id]);
  });

  it('retries a timeout and a connection reset', async () => {
    const slow = await subscriber((_q, res, i) => {
      if (i === 0) setTimeout(() => res.writeHead(200).end(), 3000);
      else res.writeHead(200).end();
    });
    const reset = await subscriber((_req, res, i) => {
      if (i === 0) res.socket!.destroy();
      else res.writeHead(200).end();
    });
    // undici checks the response-head deadline on a coarse (0.5 s) clock: 1 s times out within 2 s.
    const sender = makeSender({ timeoutMs: 1000 });
    const a = await sender.createSubscription({ url: slow.url, events: ['*'] });
    const b = await sender.createSubscription({ url: reset.url, events: ['*'] });
    await sender.start();
    await sender.publish({ type: 'a.b' });
    const slowDelivery = await settledOnly(sender, a.id, 'succeeded');
    const resetDelivery = await settledOnly(sender, b.id, 'succeeded');
    const [timedOut] = await sender.listAttempts(slowDelivery.id);
    expect(timedOut).toMatchObject({ attempt: 1, error: 'timed out after 1000 ms' });
    // The subscriber answers 200 after 3 s: an attempt without status, then a retry, means the
    // 1 s timeout cut the first one off.
    expect(slow.requests).toHaveLength(2);
    expect(timedOut).not.toHaveProperty('status');
    const [dropped] = await sender.listAttempts(resetDelivery.id);
    // The subscriber read the request, then closed the socket without answering.
    expect(dropped!.error).toBe('UND_ERR_SOCKET: other side closed');
    expect(resetDelivery.attempts).toBe(2);
  });

  it('times out a response whose body trickles in', async () => {
    const hook = await subscriber((_q, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const sender = makeSender({ timeoutMs: 300, retrySchedule: [60] });
    const subscription = await sender.createSubscription({ url: hook.url, events: ['*'] });
    await sender.start();
    await sender.publish({ type: 'a.b' });
    const delivery = await waitFor(async () => {
      const d = await onlyDelivery(sender, subscription.id);
      return d.attempts === 1 ? d : undefined;
    });
    expect(delivery.status).toBe('pending');
    expect(delivery.lastError).toBe('timed out after 300 ms');
  });

  it('disables the subscription on 410 Gone, keeping the reason, and stops delivering to it', async () => {
    const hook = await subscriber((_q, res) => res.writeHead(410).end('gone'));
    const disabled: string[] = [];
    const sender = makeSender({ onSubscriptionDisabled: ({ reason }) => void disabled.push(reason) });
    const { subscription, delivery } = await deliverOne(sender, { url: hook.url }, 'failed');
    expect(delivery.attempts).toBe(1);
    const after = await sender.getSubscription(subscription.id);
    expect(after.disabled).toBe(true);
    expect(after.disabledReason).toMatch(/410 Gone/);
    expect(disabled).toEqual([after.disabledReason]);
    expect((await sender.publish({ type: 'a.b' })).deliveries).toBe(0);
    expect(hook.requests).toHaveLength(1);
  });

  it('honours Retry-After on 429 and 503 within bounds', async () => {
    const hook = await subscriber((_q, res, i) => {
      if (i === 0) res.writeHead(429, { 'retry-after': '1' }).end();
      else if (i === 1) res.writeHead(503, { 'retry-after': '86400' }).end();
      else res.writeHead(200).end();
    });
    const sender = makeSender({ retrySchedule: [0.01, 0.01, 0.01], retryAfterMaxMs: 1200 });
    await deliverOne(sender, { url: hook.url }, 'succeeded');
    const gaps = [hook.requests[1]!.at - hook.requests[0]!.at, hook.requests[2]!.at - hook.requests[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[0]).toBeLessThan(1150);
    expect(gaps[1]).toBeGreaterThanOrEqual(1150);
    expect(gaps[1]).toBeLessThan(2000);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const target = await subscriber();
    const hook = await subscriber((_q, res) =>
      res.writeHead(307, { location: `${target.url}/elsewhere` }).end(),
    );
    const sender = makeSender({ retrySchedule: [0.01] });
    const { delivery } = await deliverOne(sender, { url: hook.url }, 'failed');
    expect(delivery.lastStatus).toBe(307);
    expect(delivery.lastError).toContain('not followed');
    expect(target.requests).toHaveLength(0);
  });

  it('keeps only the first bytes of a large response', async () => {
    const hook = await subscriber((_q, res) => res.writeHead(200).end('x'.repeat(1_000_000)));
    const sender = makeSender({ maxResponseBytes: 1024 });
    const { delivery } = await deliverOne(sender, { url: hook.url }, 'succeeded');
    const [attempt] = await sender.listAttempts(delivery.id);
    expect(attempt!.responseExcerpt).toBe('x'.repeat(1024));
  });

  it('signs with every active secret during a rotation; both verify with the official library', async () => {
    const hook = await subscriber();
    let now = Date.now();
    const sender = makeSender({ now: () => now, rotationGraceMs: 60_000 });
    const subscription = await sender.createSubscription({ url: hook.url, events: ['*'] });
    const oldSecret = subscription.secrets[0]!.secret;
    const rotated = await sender.rotateSecret(subscription.id);
    const newSecret = rotated.secrets[0]!.secret;
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.secrets[1]).toMatchObject({ secret: oldSecret, expiresAt: now + 60_000 });
    await sender.start();
    await sender.publish({ type: 'a.b', data: { x: 1 } });
    await waitFor(() => hook.requests.length === 1);
    const headersOf = (i: number) => ({
      'webhook-id': hook.requests[i]!.headers['webhook-id'] as string,
      'webhook-timestamp': hook.requests[i]!.headers['webhook-timestamp'] as string,
      'webhook-signature': hook.requests[i]!.headers['webhook-signature'] as string,
    });
    expect(headersOf(0)['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(hook.requests[0]!.body, headersOf(0))).toMatchObject({
      data: { x: 1 },
    });
    expect(new Webhook(newSecret).verify(hook.requests[0]!.body, headersOf(0))).toMatchObject({
      data: { x: 1 },
    });
    // After the grace period only the new secret signs.
    now += 61_000;
    await sender.publish({ type: 'a.b', data: { x: 2 } });
    await waitFor(() => hook.requests.length === 2);
    expect(headersOf(1)['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(oldSecret).verify(hook.requests[1]!.body, headersOf(1))).toThrow(
      /No matching signature/,
    );
    expect(new Webhook(newSecret).verify(hook.requests[1]!.body, headersOf(1))).toMatchObject({
      data: { x: 2 },
    });
  }, 10_000);

  it('speaks the ASP.NET WebHooks format when asked', async () => {
    const hook = await subscriber();
    const secret = 'a-shared-secret-of-thirty-two-chars-or-more';
    const sender = makeSender();
    const subscription = await sender.createSubscription({
      url: hook.url,
      events: ['*'],
      format: 'aspnet',
      secret,
      metadata: { tenantKey: 't1' },
    });
    await sender.start();
    const { id } = await sender.publish({ type: 'order.shipped', data: { orderId: 7 } });
    await waitFor(() => hook.requests.length === 1);
    const [request] = hook.requests;
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(request!.body).digest('hex');
    expect(request!.headers['ms-signature']).toBe(`sha256=${expected.toUpperCase()}`);
    expect(request!.headers['webhook-signature']).toBeUndefined();
    expect(JSON.parse(request!.body)).toEqual({
      Id: id,
      Attempt: 1,
      Properties: { tenantKey: 't1' },
      Notifications: [{ Action: 'order.shipped', orderId: 7 }],
    });
    expect(subscription.format).toBe('aspnet');
  });

  it('bounds concurrency per subscription so a slow subscriber does not starve the others', async () => {
    let inSlow = 0;
    let maxInSlow = 0;
    // The slow subscriber holds its answers until told: the fast one must be served meanwhile.
    let holding = true;
    const held: (() => void)[] = [];
    const slow = await subscriber((_q, res) => {
      inSlow++;
      maxInSlow = Math.max(maxInSlow, inSlow);
      const answer = () => {
        inSlow--;
        res.writeHead(200).end();
      };
      if (holding) held.push(answer);
      else setTimeout(answer, 20);
    });
    const fast = await subscriber();
    const sender = makeSender({ concurrency: 4, perSubscriptionConcurrency: 2, timeoutMs: 10_000 });
    await sender.createSubscription({ url: slow.url, events: ['slow.*'] });
    await sender.createSubscription({ url: fast.url, events: ['fast.*'] });
    for (let i = 0; i < 10; i++) await sender.publish({ type: 'slow.thing' });
    await sender.start();
    for (let i = 0; i < 5; i++) await sender.publish({ type: 'fast.thing' });
    await waitFor(() => fast.requests.length === 5, 5000, 'fast deliveries while the slow ones hang');
    await waitFor(() => slow.requests.length === 2, 5000, 'the two slow attempts allowed');
    expect(held).toHaveLength(2);
    holding = false;
    for (const answer of held.splice(0)) answer();
    await waitFor(() => slow.requests.length === 10, 5000, 'slow deliveries');
    expect(maxInSlow).toBe(2);
  });

  it('disables a subscription that has not succeeded for the configured period', async () => {
    const hook = await subscriber((_q, res) => res.writeHead(500).end());
    let now = 1_800_000_000_000;
    const disabled: string[] = [];
    const sender = makeSender({
      now: () => now,
      disableAfterMs: 3_600_000,
      retrySchedule: [0],
      onSubscriptionDisabled: ({ subscription }) => void disabled.push(subscription.id),
    });
    const subscription = await sender.createSubscription({ url: hook.url, events: ['*'] });
    await sender.start();
    await sender.publish({ type: 'a.b' });
    await waitFor(async () => (await sender.getSubscription(subscription.id)).failingSince === now);
    now += 3_600_000;
    await sender.publish({ type: 'a.b' });
    await waitFor(() => disabled.length === 1);
    const after = await sender.getSubscription(subscription.id);
    expect(after.disabledReason).toMatch(/No successful delivery since/);
  });

  it('retries one delivery now, recovers failed deliveries since a time, and redelivers an event', async () => {
    let healthy = false;
    const hook = await subscriber((_q, res) => res.writeHead(healthy ? 200 : 500).end());
    const sender = makeSender({ retrySchedule: [0.01] });
    const subscription = await sender.createSubscription({ url: hook.url, events: ['*'] });
    await sender.start();
    const first = await sender.publish({ type: 'a.b' });
    await sender.publish({ type: 'a.b' });
    await waitFor(async () => {
      const page = await sender.listDeliveries(subscription.id, { status: 'failed' });
      return page.items.length === 2;
    });
    healthy = true;
    const [newest] = (await sender.listDeliveries(subscription.id)).items;
    await sender.retryDelivery(newest!.id);
    await settled(sender, async () => newest!.id, 'succeeded');
    expect(await sender.recoverFailedDeliveries(subscription.id, 0)).toBe(1);
    await waitFor(
      async () => (await sender.listDeliveries(subscription.id, { status: 'succeeded' })).items.length === 2,
    );
    const before = hook.requests.length;
    expect(await sender.redeliverEvent(first.id)).toBe(1);
    await waitFor(() => hook.requests.length === before + 1);
    expect(hook.requests.at(-1)!.headers['webhook-id']).toBe(first.id);
  });

  it('follows a per-subscription retry schedule over the sender one', async () => {
    const hook = await subscriber((_q, res) => res.writeHead(500).end());
    const sender = makeSender({ retrySchedule: [60, 60, 60] });
    const { delivery } = await deliverOne(
      sender,
      { url: hook.url, retrySchedule: [0.02, 0.02, 0.02, 0.02] },
      'failed',
    );
    expect(delivery.attempts).toBe(5);
    expect(hook.requests).toHaveLength(5);
  });

  it('closes the pending deliveries of a deleted subscription without sending them', async () => {
    const hook = await subscriber();
    const failed: string[] = [];
    const sender = makeSender({
      onDeliveryFailed: ({ delivery }) => void failed.push(delivery.lastError ?? ''),
    });
    const subscription = await sender.createSubscription({ url: hook.url, events: ['*'] });
    await sender.publish({ type: 'a.b' });
    const delivery = await onlyDelivery(sender, subscription.id);
    await sender.deleteSubscription(subscription.id);
    await sender.start();
    await waitFor(async () => (await sender.getDelivery(delivery.id)).status === 'failed');
    expect(await sender.getDelivery(delivery.id)).toMatchObject({
      attempts: 0,
      lastError: 'subscription deleted',
    });
    expect(await sender.listAttempts(delivery.id)).toEqual([]);
    expect(hook.requests).toHaveLength(0);
    await waitFor(() => failed.length === 1);
  });

  it('keeps a delivery of a disabled subscription for later recovery', async () => {
    const hook = await subscriber();
    const sender = makeSender();
    const subscription = await sender.createSubscription({ url: hook.url, events: ['*'] });
    await sender.publish({ type: 'a.b' });
    await sender.updateSubscription(subscription.id, { disabled: true });
    await sender.start();
    const delivery = await settledOnly(sender, subscription.id, 'failed');
    expect(delivery.lastError).toBe('subscription disabled: disabled by its owner');
    await sender.updateSubscription(subscription.id, { disabled: false });
    expect(await sender.recoverFailedDeliveries(subscription.id, 0)).toBe(1);
    await settled(sender, async () => delivery.id, 'succeeded');
    expect(hook.requests).toHaveLength(1);
  });
});
