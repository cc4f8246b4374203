import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signGitHubRequest } from '@hookwire/github/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';
import { type RunningDemo, startDemo } from '../src/demo.js';
import { devSecret } from '../src/receivers.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let demo: RunningDemo;
let subscriber: Server;
let subscriberUrl: string;
const received: Received[] = [];
const dir = mkdtempSync(join(tmpdir(), 'hookwire-demo-'));
const token = 'test-token';

beforeAll(async () => {
  subscriber = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(204).end();
    });
  });
  subscriber.listen(0, '127.0.0.1');
  await once(subscriber, 'listening');
  const address = subscriber.address();
  subscriberUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  const env = {
    PORT: '0',
    HOOKWIRE_DATABASE: join(dir, 'demo.db'),
    HOOKWIRE_API_TOKENS: `${token}=acme,other-token=globex`,
    HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'true',
    HOOKWIRE_RETRY_SCHEDULE: '1,1',
  };
  demo = await startDemo(readConfig(env), env, () => {});
});

afterAll(async () => {
  await demo?.close();
  subscriber?.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${demo.port}`;
const api = (path: string, init: RequestInit = {}, bearer = token) =>
  fetch(`${base()}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers },
  });

async function waitFor<T>(find: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('demo app', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('refuses the management API without a known token', async () => {
    expect((await api('/subscriptions', {}, 'wrong')).status).toBe(401);
    expect((await fetch(`${base()}/api/subscriptions`)).status).toBe(401);
  });

  it('names the bad field of a malformed subscription', async () => {
    const response = await api('/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ url: 'nope', events: ['*'] }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('url');
  });

  let subscription: { id: string; secret: string };

  it('registers a subscription and returns its secret once', async () => {
    const response = await api('/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ url: subscriberUrl, events: ['github.*', 'order.*'], description: 'test' }),
    });
    expect(response.status).toBe(201);
    subscription = (await response.json()) as { id: string; secret: string };
    expect(subscription.secret).toMatch(/^whsec_/);
    const listed = await (await api('/subscriptions')).text();
    expect(listed).toContain(subscription.id);
    expect(listed).not.toContain(subscription.secret);
    expect((await api(`/subscriptions/${subscription.id}`, {}, 'other-token')).status).toBe(404);
  });

  it('verifies a received GitHub webhook and republishes it, signed, to the subscriber', async () => {
    const request = signGitHubRequest({
      secret: devSecret('github'),
      event: 'push',
      payload: { ref: 'refs/heads/main' },
      deliveryId: 'delivery-1',
    });
    const response = await fetch(`${base()}/webhooks/github`, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: request.body,
    });
    expect(response.status).toBe(200);
    const delivery = await waitFor(
      () => received.find((r) => r.body.includes('github.push')),
      'the github.push delivery',
    );
    const verified = new Webhook(subscription.secret).verify(
      delivery.body,
      delivery.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: 'github.push', data: { ref: 'refs/heads/main' } });
    expect(delivery.headers['webhook-id']).toBe('github_delivery-1');
  });

  it('rejects a webhook signed with another secret and publishes nothing', async () => {
    const request = signGitHubRequest({ secret: 'not the secret', event: 'push', payload: { ref: 'x' } });
    const response = await fetch(`${base()}/webhooks/github`, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: request.body,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('signature_mismatch');
  });

  it('publishes an event through the API (202) and shows the delivery log', async () => {
    const response = await api('/events', {
      method: 'POST',
      body: JSON.stringify({ type: 'order.created', data: { n: 1 } }),
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await waitFor(() => received.find((r) => r.headers['webhook-id'] === id), 'the order.created delivery');
    // The attempt is logged just after the subscriber answers: poll the log until it says so.
    let status = '';
    for (let i = 0; i < 200 && status !== 'succeeded'; i++) {
      const log = (await (await api(`/subscriptions/${subscription.id}/deliveries`)).json()) as {
        items: { eventId: string; status: string }[];
      };
      status = log.items.find((d) => d.eventId === id)?.status ?? '';
      if (status !== 'succeeded') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe('succeeded');
  });

  it('answers 404 for unknown receivers', async () => {
    expect((await fetch(`${base()}/webhooks/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
