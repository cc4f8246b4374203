import { signGitHubRequest } from '@hookwire/github/testing';
import { devSecret } from '@hookwire/server';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, post, startTestDemo, TENANT_TOKENS, type TestDemo, waitFor } from './support.js';

let t: TestDemo;

beforeAll(async () => {
  t = await startTestDemo();
});

afterAll(async () => {
  await t?.close();
});

describe('demo app', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${t.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('refuses the management API without a known token', async () => {
    expect((await t.api('/subscriptions', {}, 'wrong')).status).toBe(401);
    expect((await fetch(`${t.base}/api/subscriptions`)).status).toBe(401);
  });

  it('names the bad field of a malformed subscription', async () => {
    const response = await t.api('/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ url: 'nope', events: ['*'] }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('url');
  });

  let subscription: { id: string; secret: string };
  let operatorSubscription: { id: string; secret: string };

  it('registers a subscription and returns its secret once', async () => {
    const response = await t.api('/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ url: t.subscriberUrl('/acme'), events: ['*'], description: 'test' }),
    });
    expect(response.status).toBe(201);
    subscription = (await response.json()) as { id: string; secret: string };
    expect(subscription.secret).toMatch(/^whsec_/);
    const listed = await (await t.api('/subscriptions')).text();
    expect(listed).toContain(subscription.id);
    expect(listed).not.toContain(subscription.secret);
    expect((await t.api(`/subscriptions/${subscription.id}`, {}, TENANT_TOKENS.globex)).status).toBe(404);
  });

  it('republishes a verified GitHub webhook, signed, to the operator only (never to a tenant)', async () => {
    const created = await t.api(
      '/subscriptions',
      { method: 'POST', body: JSON.stringify({ url: t.subscriberUrl('/operator'), events: ['github.*'] }) },
      OPERATOR_TOKEN,
    );
    expect(created.status).toBe(201);
    operatorSubscription = (await created.json()) as { id: string; secret: string };
    expect(operatorSubscription).toMatchObject({ tenant: 'operator' });
    const request = signGitHubRequest({
      secret: devSecret('github'),
      event: 'push',
      payload: { ref: 'refs/heads/main' },
      deliveryId: 'delivery-1',
    });
    expect((await post(t.base, '/webhooks/github', request)).status).toBe(200);
    const delivery = await waitFor(
      () => t.received.find((r) => r.url === '/operator' && r.body.includes('github.push')),
      'the github.push delivery',
    );
    const verified = new Webhook(operatorSubscription.secret).verify(
      delivery.body,
      delivery.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: 'github.push', data: { ref: 'refs/heads/main' } });
    expect(delivery.headers['webhook-id']).toBe('github_delivery-1');
    // acme subscribes to `*`; deliveries are stored before the webhook is answered, so none exists.
    const acmeLog = (await (await t.api(`/subscriptions/${subscription.id}/deliveries`)).json()) as {
      items: { eventType: string }[];
    };
    expect(acmeLog.items.map((d) => d.eventType)).toEqual([]);
  });

  it('rejects a webhook signed with another secret and publishes nothing', async () => {
    const request = signGitHubRequest({ secret: 'not the secret', event: 'push', payload: { ref: 'x' } });
    const response = await post(t.base, '/webhooks/github', request);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('signature_mismatch');
  });

  it('publishes an event through the API (202) and shows the delivery log', async () => {
    const response = await t.api('/events', {
      method: 'POST',
      body: JSON.stringify({ type: 'order.created', data: { n: 1 } }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await waitFor(() => t.received.find((r) => r.headers['webhook-id'] === id), 'the order.created delivery');
    // The attempt is logged just after the subscriber answers: poll the log until it says so.
    let status = '';
    for (let i = 0; i < 200 && status !== 'succeeded'; i++) {
      const log = (await (await t.api(`/subscriptions/${subscription.id}/deliveries`)).json()) as {
        items: { eventId: string; status: string }[];
      };
      status = log.items.find((d) => d.eventId === id)?.status ?? '';
      if (status !== 'succeeded') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe('succeeded');
  });

  it('answers 404 for unknown receivers', async () => {
    expect((await fetch(`${t.base}/webhooks/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
