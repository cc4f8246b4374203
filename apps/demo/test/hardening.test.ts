import { request as httpRequest } from 'node:http';
import { signGitHubRequest } from '@hookwire/github/testing';
import { devSecret, readConfig } from '@hookwire/server';
import { signSlackRequest } from '@hookwire/slack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  OPERATOR_TOKEN,
  post,
  startTestDemo,
  TENANT_TOKENS,
  type TestDemo,
  waitFor,
} from './support.js';

// Issue 10, item by item, over HTTP against the running demo.
let t: TestDemo;
let operatorHook: { id: string };

beforeAll(async () => {
  t = await startTestDemo();
  const created = await t.api(
    '/subscriptions',
    { method: 'POST', body: JSON.stringify({ url: t.subscriberUrl('/operator'), events: ['*'] }) },
    OPERATOR_TOKEN,
  );
  operatorHook = (await created.json()) as { id: string };
});

afterAll(async () => {
  await t?.close();
});

const github = (event: string, deliveryId: string, payload: unknown = { zen: 'hi' }) =>
  post(
    t.base,
    '/webhooks/github',
    signGitHubRequest({ secret: devSecret('github'), event, payload, deliveryId }),
  );

const operatorDeliveries = async () =>
  (
    (await (await t.api(`/subscriptions/${operatorHook.id}/deliveries`, {}, OPERATOR_TOKEN)).json()) as {
      items: { eventId: string; eventType: string }[];
    }
  ).items;

/** The operator's deliveries once one satisfies `ready` (the inbox's workers republish after the 2xx). */
const operatorDeliveriesOnce = (ready: (items: { eventId: string; eventType: string }[]) => boolean) =>
  eventually(async () => {
    const items = await operatorDeliveries();
    return ready(items) ? items : undefined;
  }, 'the republished event');

/** Raw HTTP, so the path reaches the server exactly as written. */
function rawPost(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('issue 10, item 1: the operator and its tenant', () => {
  it('prints the development operator token when no token variable is set, and it works', async () => {
    const dev = await startTestDemo({ HOOKWIRE_API_TOKENS: '', HOOKWIRE_OPERATOR_TOKEN: '' });
    try {
      expect(dev.log.some((line) => line.includes('development operator token: dev-operator-token'))).toBe(
        true,
      );
      expect((await dev.api('/subscriptions', {}, 'dev-operator-token')).status).toBe(200);
      expect((await dev.api('/subscriptions', {}, 'dev-token')).status).toBe(200);
    } finally {
      await dev.close();
    }
  });

  it('has no operator when tenant tokens are set and no operator token is', async () => {
    const config = readConfig({ HOOKWIRE_API_TOKENS: 'a=acme' });
    expect(config.operatorToken).toBeUndefined();
    expect(() => readConfig({ HOOKWIRE_API_TOKENS: 'a=operator' })).toThrow(/"operator"/);
    expect(() => readConfig({ HOOKWIRE_API_TOKENS: 'a=acme', HOOKWIRE_OPERATOR_TOKEN: 'a' })).toThrow(
      /own token/,
    );
  });

  it('lists every tenant with its tenant, narrows with ?tenant=, creates for a named tenant', async () => {
    const forGlobex = await t.api(
      '/subscriptions',
      {
        method: 'POST',
        body: JSON.stringify({ url: t.subscriberUrl('/globex'), events: ['order.*'], tenant: 'globex' }),
      },
      OPERATOR_TOKEN,
    );
    expect(forGlobex.status).toBe(201);
    const { id } = (await forGlobex.json()) as { id: string };
    const all = (await (await t.api('/subscriptions', {}, OPERATOR_TOKEN)).json()) as {
      items: { id: string; tenant: string }[];
    };
    expect(all.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, tenant: 'globex' }),
        expect.objectContaining({ id: operatorHook.id, tenant: 'operator' }),
      ]),
    );
    const narrowed = (await (await t.api('/subscriptions?tenant=globex', {}, OPERATOR_TOKEN)).json()) as {
      items: { id: string }[];
    };
    expect(narrowed.items.map((s) => s.id)).toEqual([id]);
    const globexOwn = (await (await t.api('/subscriptions', {}, TENANT_TOKENS.globex)).json()) as {
      items: { id: string }[];
    };
    expect(globexOwn.items.map((s) => s.id)).toEqual([id]);
    // A tenant cannot reach the operator's options.
    const refused = await t.api('/subscriptions?tenant=acme', {}, TENANT_TOKENS.globex);
    expect(refused.status).toBe(400);
  });
});

describe('issue 10, items 1 and 2: republished webhooks reach the operator only, ids scoped by provider', () => {
  it("delivers a Stripe event to the operator and to no tenant's `*` subscription", async () => {
    const acme = await t.api('/subscriptions', {
      method: 'POST',
      body: JSON.stringify({ url: t.subscriberUrl('/acme-all'), events: ['*'] }),
    });
    const acmeId = ((await acme.json()) as { id: string }).id;
    const { signStripeRequest, stripeTestEvent } = await import('@hookwire/stripe/testing');
    const event = stripeTestEvent('charge.succeeded', { customer: 'cus_operators_own' });
    const response = await post(
      t.base,
      '/webhooks/stripe',
      signStripeRequest({ secret: `whsec_${devSecret('stripe')}`, payload: event }),
    );
    expect(response.status).toBe(200);
    await operatorDeliveriesOnce((items) => items.some((d) => d.eventId === `stripe_${event.id}`));
    const acmeLog = (await (await t.api(`/subscriptions/${acmeId}/deliveries`)).json()) as {
      items: unknown[];
    };
    expect(acmeLog.items).toEqual([]);
  });

  it('scopes odd delivery ids by provider, with a hash instead of a lossy rewrite', async () => {
    expect((await github('ping', 'a.b')).status).toBe(200);
    expect((await github('ping', 'a_b')).status).toBe(200);
    const ids = (
      await operatorDeliveriesOnce((items) => items.filter((d) => d.eventId.startsWith('github')).length >= 2)
    ).map((d) => d.eventId);
    expect(ids).toContain('github_a_b');
    expect(ids.filter((id) => /^github:[0-9a-f]{64}$/.test(id))).toHaveLength(1);
  });

  it('republishes a webhook whose id a tenant already used for its own event (ids are per tenant)', async () => {
    const taken = await t.api('/events', {
      method: 'POST',
      body: JSON.stringify({ type: 'order.created', id: 'github_taken-1' }),
    });
    expect(taken.status).toBe(202);
    expect((await github('push', 'taken-1')).status).toBe(200);
    await operatorDeliveriesOnce((items) => items.some((d) => d.eventId === 'github_taken-1'));
  });
});

describe('issue 10, item 3: signed webhooks the demo cannot republish as they are named', () => {
  it('maps a Slack slash command to slack.command.<name>', async () => {
    const request = signSlackRequest({
      secret: devSecret('slack'),
      form: { command: '/deploy', text: 'prod', team_id: 'T1', user_id: 'U1' },
    });
    expect((await post(t.base, '/webhooks/slack', request)).status).toBe(200);
    await waitFor(
      () => t.received.find((r) => r.url === '/operator' && r.body.includes('"slack.command.deploy"')),
      'the slack.command.deploy delivery',
    );
  });

  it('answers 400 naming the header problem for an odd X-GitHub-Event, and logs nothing', async () => {
    const before = t.log.length;
    for (const event of ['push..x', 'x'.repeat(300), '.push', 'push.']) {
      const response = await github(event, `odd-${event.length}-${event.charCodeAt(0)}`);
      expect([event.slice(0, 20), response.status]).toEqual([event.slice(0, 20), 400]);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unpublishable_event');
      expect(body.error.message).toMatch(/header/);
      expect(body.error.message.length).toBeLessThan(500);
    }
    expect(t.requestLines(before)).toEqual([]);
  });

  it('maps other odd characters to "_" instead of failing', async () => {
    expect((await github('push x', 'odd-space')).status).toBe(200);
    await operatorDeliveriesOnce((items) => items.some((d) => d.eventType === 'github.push_x'));
  });
});

describe('issue 10, item 4: a malformed % in a path under /webhooks', () => {
  it('answers 404 naming the encoding, and logs nothing', async () => {
    const before = t.log.length;
    for (const path of [
      '/webhooks/%',
      '/webhooks/%zz',
      '/webhooks/github/%E0%A4%A',
      '/webhooks/%ff%fe',
      '/webhooks/git%hub',
    ]) {
      const response = await rawPost(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(JSON.parse(response.body).error.message).toContain('percent-encoding');
    }
    expect(t.requestLines(before)).toEqual([]);
  });
});

describe('issue 10, item 5: a blocked local address names the development switch', () => {
  it('says HOOKWIRE_ALLOW_PRIVATE_NETWORK=true when a subscription points at localhost', async () => {
    const strict = await startTestDemo({ HOOKWIRE_ALLOW_PRIVATE_NETWORK: 'false' });
    try {
      for (const url of [
        'http://localhost:3000/hook',
        'http://127.0.0.1:3000/hook',
        'http://10.0.0.7/hook',
      ]) {
        const response = await strict.api('/subscriptions', {
          method: 'POST',
          body: JSON.stringify({ url, events: ['*'] }),
        });
        expect([url, response.status]).toEqual([url, 400]);
        const { error } = (await response.json()) as { error: { field: string; message: string } };
        expect(error.field).toBe('url');
        expect(error.message).toContain('HOOKWIRE_ALLOW_PRIVATE_NETWORK=true');
      }
    } finally {
      await strict.close();
    }
  });
});

describe('issue 10, item 6, now issue 11: durable dedupe in the inbox', () => {
  it('stores and processes a replayed delivery id once: both answered 200, one event republished', async () => {
    const first = await github('push', 'replayed-1', { ref: 'refs/heads/main' });
    const second = await github('push', 'replayed-1', { ref: 'refs/heads/main' });
    expect([first.status, second.status]).toEqual([200, 200]);
    const stored = (await (await t.api('/inbox/events?provider=github', {}, OPERATOR_TOKEN)).json()) as {
      items: { deliveryId: string }[];
    };
    expect(stored.items.filter((item) => item.deliveryId === 'replayed-1')).toHaveLength(1);
    await waitFor(
      () => t.log.find((line) => line.includes('github_replayed-1')),
      'the republish of replayed-1',
    );
    expect(t.log.filter((line) => line.includes('github_replayed-1'))).toHaveLength(1);
  });
});

describe('issue 10, item 3, now issue 11: a failed republish is stored, retried, logged, then dead', () => {
  // Last: a catalogue that lacks the received type makes every republish fail.
  it('answers 200 (stored), logs each failed attempt on one line with its cause, and ends dead', async () => {
    await t.demo.sender.defineEventTypes([{ name: 'order.created' }]);
    const before = t.log.length;
    const response = await github('push', 'after-catalogue');
    expect(response.status).toBe(200);
    expect(t.requestLines(before)).toEqual([]);
    const dead = await eventually(async () => {
      const page = (await (await t.api('/inbox/events?status=dead', {}, OPERATOR_TOKEN)).json()) as {
        items: { id: string; deliveryId: string; attempts: number }[];
      };
      return page.items.find((item) => item.deliveryId === 'after-catalogue');
    }, 'the event to go dead');
    // HOOKWIRE_RETRY_SCHEDULE=1,1 (the inbox's too): the first attempt and two retries.
    expect(dead.attempts).toBe(3);
    const failures = t.log
      .slice(before)
      .filter((line) => line.startsWith(`inbox event ${dead.id} (github push) could not be republished`));
    expect(failures).toHaveLength(3);
    for (const line of failures) {
      expect(line).toMatch(/catalogue/);
      expect(line).not.toContain('\n');
    }
  });
});
