import { createWebhookRequest } from '@hookwire/core';
import { bearerAuth, createManagementApi, parseApiTokens, type Sender } from '@hookwire/sender';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, memorySender, startSubscriber, waitFor } from './helpers.js';

const TOKENS = { 'token-acme': 'acme', 'token-globex': 'globex' };

let sender: Sender;
let hook: Awaited<ReturnType<typeof startSubscriber>>;
let api: ReturnType<typeof createManagementApi>;

beforeEach(async () => {
  hook = await startSubscriber((_q, res, i) =>
    res.writeHead(i === 0 ? 500 : 200).end(i === 0 ? 'first fails' : 'ok'),
  );
  sender = memorySender({
    allowPrivateNetwork: true,
    retrySchedule: [0.02],
    jitter: 0,
    pollIntervalMs: 20,
    onError: () => {},
  });
  api = createManagementApi({ sender, authenticate: bearerAuth(TOKENS), allowPublish: true });
  await sender.start();
});

afterEach(async () => {
  await sender.close();
  await hook.close();
});

function call(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string } = {},
) {
  const token = options.token === undefined ? 'token-acme' : options.token;
  return callApi(api, method, path, { ...options, token });
}

async function createSubscription(token = 'token-acme', body: Record<string, unknown> = {}) {
  const response = await call('POST', '/subscriptions', {
    token,
    body: { url: `${hook.url}/in`, events: ['invoice.*'], ...body },
  });
  expect(response.status).toBe(201);
  return response.json as { id: string; secret: string };
}

/** One subscription, one failed-then-succeeded delivery: ids to aim every route at. */
async function fixture(token = 'token-acme') {
  const subscription = await createSubscription(token);
  const published = await call('POST', '/events', { token, body: { type: 'invoice.paid', data: { n: 1 } } });
  expect(published.status).toBe(202);
  const deliveries = await waitFor(async () => {
    const page = await call('GET', `/subscriptions/${subscription.id}/deliveries`, { token });
    return page.json.items[0]?.status === 'succeeded' ? page.json.items : undefined;
  });
  return { subscription, eventId: published.json.id as string, deliveryId: deliveries[0].id as string };
}

function routesFor(ids: { subscription: { id: string }; deliveryId: string; eventId: string }) {
  const s = ids.subscription.id;
  return [
    ['GET', '/event-types'],
    ['GET', '/subscriptions'],
    ['POST', '/subscriptions', { url: 'https://example.com/x', events: ['*'] }],
    ['GET', `/subscriptions/${s}`],
    ['PATCH', `/subscriptions/${s}`, { description: 'x' }],
    ['GET', `/subscriptions/${s}/secret`],
    ['POST', `/subscriptions/${s}/rotate-secret`],
    ['GET', `/subscriptions/${s}/deliveries`],
    ['POST', `/subscriptions/${s}/recover`, { since: '2020-01-01T00:00:00Z' }],
    ['GET', `/deliveries/${ids.deliveryId}`],
    ['POST', `/deliveries/${ids.deliveryId}/retry`],
    ['POST', '/events', { type: 'invoice.paid', data: {} }],
    ['POST', `/events/${ids.eventId}/redeliver`],
    ['DELETE', `/subscriptions/${s}`],
  ] as [string, string, unknown?][];
}

describe('management API', () => {
  it('answers 401 on every route without a known bearer token', async () => {
    const ids = await fixture();
    for (const [method, path, body] of routesFor(ids)) {
      for (const token of [null, 'wrong-token']) {
        const response = await call(method, path, { token, body });
        expect([method, path, response.status]).toEqual([method, path, 401]);
        expect(response.headers['www-authenticate']).toBe('Bearer');
      }
    }
  });

  it('runs the whole lifecycle, and shows the secret only on creation and GET …/secret', async () => {
    const created = await call('POST', '/subscriptions', {
      body: {
        url: `${hook.url}/in`,
        events: ['invoice.*'],
        headers: { 'X-Api-Key': 'k' },
        metadata: { plan: 'pro' },
        description: 'billing',
      },
    });
    expect(created.status).toBe(201);
    const { id, secret } = created.json;
    expect(id).toMatch(/^sub_/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.json).toMatchObject({
      events: ['invoice.*'],
      headers: { 'x-api-key': 'k' },
      metadata: { plan: 'pro' },
      description: 'billing',
      format: 'standard',
      disabled: false,
    });

    const list = await call('GET', '/subscriptions');
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain('whsec_');
    const one = await call('GET', `/subscriptions/${id}`);
    expect(one.status).toBe(200);
    expect(one.text).not.toContain('whsec_');
    expect((await call('GET', `/subscriptions/${id}/secret`)).json).toEqual({ secret, previous: [] });

    const patched = await call('PATCH', `/subscriptions/${id}`, {
      body: { events: ['invoice.paid'], description: null },
    });
    expect(patched.json).toMatchObject({ events: ['invoice.paid'], description: null });

    const rotated = await call('POST', `/subscriptions/${id}/rotate-secret`, { body: { graceSeconds: 60 } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(secret);
    expect(rotated.json.previousExpiresAt).toEqual(expect.any(String));
    const secrets = await call('GET', `/subscriptions/${id}/secret`);
    expect(secrets.json.secret).toBe(rotated.json.secret);
    expect(secrets.json.previous).toEqual([{ secret, expiresAt: rotated.json.previousExpiresAt }]);

    const published = await call('POST', '/events', {
      body: { type: 'invoice.paid', data: { amount: 5 }, id: 'evt_custom_1' },
    });
    expect(published).toMatchObject({
      status: 202,
      json: { id: 'evt_custom_1', deliveries: 1, created: true },
    });
    const deliveries = await waitFor(async () => {
      const page = await call('GET', `/subscriptions/${id}/deliveries`);
      return page.json.items[0]?.status === 'succeeded' ? page.json.items : undefined;
    });
    expect(deliveries[0]).toMatchObject({ eventId: 'evt_custom_1', eventType: 'invoice.paid', attempts: 2 });

    const detail = await call('GET', `/deliveries/${deliveries[0].id}`);
    expect(
      detail.json.attempts.map((a: { status: number; responseExcerpt: string }) => [
        a.status,
        a.responseExcerpt,
      ]),
    ).toEqual([
      [500, 'first fails'],
      [200, 'ok'],
    ]);
    expect(detail.text).not.toContain('whsec_');

    const retried = await call('POST', `/deliveries/${deliveries[0].id}/retry`);
    expect(retried).toMatchObject({ status: 202, json: { status: 'pending' } });
    await waitFor(() => hook.requests.length === 3);

    const recovered = await call('POST', `/subscriptions/${id}/recover`, {
      body: { since: '2000-01-01T00:00:00Z' },
    });
    expect(recovered).toMatchObject({ status: 202, json: { recovered: 0 } });

    expect((await call('DELETE', `/subscriptions/${id}`)).status).toBe(204);
    expect((await call('GET', `/subscriptions/${id}`)).status).toBe(404);
    expect((await call('GET', `/deliveries/${deliveries[0].id}`)).status).toBe(200);
  });

  it("answers 404 for another tenant's subscription, delivery and event on every route", async () => {
    const ids = await fixture('token-acme');
    const before = JSON.stringify(await sender.getSubscription(ids.subscription.id));
    for (const [method, path, body] of routesFor(ids)) {
      if (!/sub_|dlv_|evt_/.test(path)) continue;
      const response = await call(method, path, { token: 'token-globex', body });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect(response.json.error.code).toBe('not_found');
    }
    expect(JSON.stringify(await sender.getSubscription(ids.subscription.id))).toBe(before);
    expect((await call('GET', '/subscriptions', { token: 'token-globex' })).json.items).toEqual([]);
    // Publishing as globex does not reach acme's subscription.
    const published = await call('POST', '/events', {
      token: 'token-globex',
      body: { type: 'invoice.paid' },
    });
    expect(published.json.deliveries).toBe(0);
  });

  it('answers 400 naming the field for malformed JSON, unknown fields and bad values on every route', async () => {
    const ids = await fixture();
    const s = ids.subscription.id;
    const cases: [string, string, { body?: unknown; raw?: string }, string][] = [
      ['POST', '/subscriptions', { raw: '{"url":' }, 'body'],
      ['POST', '/subscriptions', { body: [] }, 'body'],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], colour: 'red' } },
        'colour',
      ],
      ['POST', '/subscriptions', { body: { events: ['*'] } }, 'url'],
      ['POST', '/subscriptions', { body: { url: 'ftp://a.example', events: ['*'] } }, 'url'],
      ['POST', '/subscriptions', { body: { url: 'https://user:pw@a.example', events: ['*'] } }, 'url'],
      ['POST', '/subscriptions', { body: { url: 'not a url', events: ['*'] } }, 'url'],
      ['POST', '/subscriptions', { body: { url: 'https://a.example' } }, 'events'],
      ['POST', '/subscriptions', { body: { url: 'https://a.example', events: [] } }, 'events'],
      ['POST', '/subscriptions', { body: { url: 'https://a.example', events: ['in*voice'] } }, 'events[0]'],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], secret: 'short' } },
        'secret',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], headers: { Host: 'x' } } },
        'headers.Host',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], headers: { 'webhook-id': 'x' } } },
        'headers.webhook-id',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], headers: { 'Transfer-Encoding': 'x' } } },
        'headers.Transfer-Encoding',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], headers: { 'x-a': 'a\r\nb' } } },
        'headers.x-a',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], headers: { 'bad name': 'a' } } },
        'headers.bad name',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], metadata: { a: 1 } } },
        'metadata.a',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], format: 'soap' } },
        'format',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], retrySchedule: [-1] } },
        'retrySchedule[0]',
      ],
      [
        'POST',
        '/subscriptions',
        { body: { url: 'https://a.example', events: ['*'], description: 7 } },
        'description',
      ],
      ['GET', '/subscriptions?limit=0', {}, 'limit'],
      ['GET', '/subscriptions?limit=abc', {}, 'limit'],
      ['GET', '/subscriptions?cursor=%27%20OR%201', {}, 'cursor'],
      ['GET', '/subscriptions?sort=asc', {}, 'sort'],
      ['PATCH', `/subscriptions/${s}`, { raw: 'nope' }, 'body'],
      ['PATCH', `/subscriptions/${s}`, { body: { secret: 'whsec_x' } }, 'secret'],
      ['PATCH', `/subscriptions/${s}`, { body: { disabled: 'yes' } }, 'disabled'],
      ['PATCH', `/subscriptions/${s}`, { body: { url: 'javascript:alert(1)' } }, 'url'],
      ['POST', `/subscriptions/${s}/rotate-secret`, { body: { graceSeconds: -5 } }, 'graceSeconds'],
      ['POST', `/subscriptions/${s}/rotate-secret`, { body: { secret: 'not-whsec' } }, 'secret'],
      ['POST', `/subscriptions/${s}/rotate-secret`, { body: { other: 1 } }, 'other'],
      ['GET', `/subscriptions/${s}/deliveries?status=done`, {}, 'status'],
      ['GET', `/subscriptions/${s}/deliveries?limit=5000`, {}, 'limit'],
      ['POST', `/subscriptions/${s}/recover`, { body: {} }, 'since'],
      ['POST', `/subscriptions/${s}/recover`, { body: { since: 'yesterday' } }, 'since'],
      ['POST', `/subscriptions/${s}/recover`, { raw: '{' }, 'body'],
      ['GET', `/deliveries/${ids.deliveryId}?x=1`, {}, 'x'],
      ['POST', `/deliveries/${ids.deliveryId}/retry`, { body: { now: true } }, 'body'],
      ['POST', '/events', { body: { data: {} } }, 'type'],
      ['POST', '/events', { body: { type: 'bad type' } }, 'type'],
      ['POST', '/events', { body: { type: 'a.b', id: 'has.dot' } }, 'id'],
      ['POST', '/events', { body: { type: 'a.b', tenant: 'globex' } }, 'tenant'],
      ['POST', '/events', { raw: '[1,' }, 'body'],
      ['POST', `/events/${ids.eventId}/redeliver`, { body: { subscriptionId: 5 } }, 'subscriptionId'],
      ['GET', '/event-types?x=1', {}, 'x'],
    ];
    for (const [method, path, options, field] of cases) {
      const response = await call(method, path, options);
      expect([method, path, response.status, response.json?.error?.field]).toEqual([
        method,
        path,
        400,
        field,
      ]);
      expect(response.json.error.message).toEqual(expect.any(String));
    }
  });

  it('pages through subscriptions with a cursor', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createSubscription()).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { items: { id: string }[]; nextCursor: string | null } } = await call(
        'GET',
        `/subscriptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((s) => s.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created);
  });

  it('finds routes under any mount path or a basePath, and answers 404 and 405', async () => {
    const { id } = await createSubscription();
    const nested = await api.handle(
      createWebhookRequest({
        method: 'GET',
        url: `/v1/admin/subscriptions/${id}`,
        headers: { authorization: 'Bearer token-acme' },
      }),
    );
    expect(nested.status).toBe(200);
    const based = createManagementApi({ sender, authenticate: () => 'acme', basePath: '/hooks/api' });
    expect(
      (await based.handle(createWebhookRequest({ method: 'GET', url: '/hooks/api/subscriptions' }))).status,
    ).toBe(200);
    expect(
      (await based.handle(createWebhookRequest({ method: 'GET', url: '/other/subscriptions' }))).status,
    ).toBe(404);
    expect((await call('GET', '/nothing-here')).status).toBe(404);
    expect((await call('GET', `/subscriptions/${id}/unknown`)).status).toBe(404);
    const wrong = await call('PUT', `/subscriptions/${id}`, { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, PATCH, DELETE');
  });

  it('serves POST /events only when publishing is allowed, and the event-type catalogue', async () => {
    const closed = createManagementApi({ sender, authenticate: () => 'acme' });
    const response = await closed.handle(
      createWebhookRequest({ method: 'POST', url: '/api/events', body: '{"type":"a.b"}' }),
    );
    expect(response.status).toBe(404);
    await sender.defineEventTypes([
      { name: 'invoice.paid', description: 'Paid', schema: { type: 'object' } },
    ]);
    expect((await call('GET', '/event-types')).json).toEqual({
      items: [{ name: 'invoice.paid', description: 'Paid', schema: { type: 'object' } }],
    });
    const unknown = await call('POST', '/events', { body: { type: 'invoice.voided' } });
    expect(unknown).toMatchObject({
      status: 400,
      json: { error: { code: 'unknown_event_type', field: 'type' } },
    });
  });

  it('reports unexpected errors as 500 without details', async () => {
    const errors: unknown[] = [];
    const broken = createManagementApi({
      sender: {
        ...sender,
        listEventTypes: () => Promise.reject(new Error('db down: password=hunter2')),
      } as unknown as Sender,
      authenticate: () => 'acme',
      onError: (e: unknown) => void errors.push(e),
    });
    const response = await broken.handle(createWebhookRequest({ method: 'GET', url: '/api/event-types' }));
    expect(response.status).toBe(500);
    expect(String(response.body)).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
  });

  it('parses API tokens and compares them per token', () => {
    const tokens = parseApiTokens('abc=acme, def=globex');
    expect([...tokens]).toEqual([
      ['abc', 'acme'],
      ['def', 'globex'],
    ]);
    expect(() => parseApiTokens('abc')).toThrow(/#1/);
    expect(() => parseApiTokens('')).toThrow(/No API tokens given/);
    const auth = bearerAuth(tokens);
    expect(auth(createWebhookRequest({ headers: { authorization: 'Bearer def' } }))).toBe('globex');
    expect(auth(createWebhookRequest({ headers: { authorization: 'Bearer de' } }))).toBeUndefined();
    expect(auth(createWebhookRequest({ headers: { authorization: 'Basic def' } }))).toBeUndefined();
  });
});
