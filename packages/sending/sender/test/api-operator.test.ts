import { createWebhookRequest } from '@hookwire/core';
import { bearerAuth, createManagementApi, type Sender } from '@hookwire/sender';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, memorySender } from './helpers.js';

const TOKENS = { 'token-acme': 'acme', 'token-globex': 'globex' };
const OPERATOR = 'token-operator';

let sender: Sender;
let api: ReturnType<typeof createManagementApi>;

beforeEach(() => {
  sender = memorySender({
    // Every host resolves to a public address, so URLs pass the SSRF guard without DNS.
    resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    onError: () => {},
  });
  api = createManagementApi({
    sender,
    authenticate: bearerAuth(TOKENS, { operatorToken: OPERATOR }),
    allowPublish: true,
    privateNetworkHint: 'Set ALLOW_PRIVATE=true in development.',
  });
});

afterEach(async () => {
  await sender.close();
});

const call = (method: string, path: string, token: string, body?: unknown) =>
  callApi(api, method, path, { token, body, headers: { 'content-type': 'application/json' } });

const subscribe = (token: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/subscriptions', token, { url: 'https://hooks.example/in', events: ['*'], ...extra });

describe('management API as the operator', () => {
  it('creates as the tenant "operator" by default, or for the tenant named in the body', async () => {
    const own = await subscribe(OPERATOR);
    expect(own).toMatchObject({ status: 201, json: { tenant: 'operator' } });
    const forAcme = await subscribe(OPERATOR, { tenant: 'acme' });
    expect(forAcme).toMatchObject({ status: 201, json: { tenant: 'acme' } });
    expect((await sender.getSubscription(forAcme.json.id)).tenant).toBe('acme');
    const acmeList = await call('GET', '/subscriptions', 'token-acme');
    expect(acmeList.json.items.map((s: { id: string }) => s.id)).toEqual([forAcme.json.id]);
    expect(acmeList.json.items[0]).not.toHaveProperty('tenant');
  });

  it('lists every tenant with its tenant, and ?tenant= narrows the list', async () => {
    const a = (await subscribe('token-acme')).json.id;
    const g = (await subscribe('token-globex')).json.id;
    const o = (await subscribe(OPERATOR)).json.id;
    const all = await call('GET', '/subscriptions', OPERATOR);
    expect(all.json.items.map((s: { id: string; tenant: string }) => [s.id, s.tenant])).toEqual([
      [a, 'acme'],
      [g, 'globex'],
      [o, 'operator'],
    ]);
    const narrowed = await call('GET', '/subscriptions?tenant=globex', OPERATOR);
    expect(narrowed.json.items.map((s: { id: string }) => s.id)).toEqual([g]);
    expect((await call('GET', '/subscriptions?tenant=nobody', OPERATOR)).json.items).toEqual([]);
    expect((await call('GET', '/subscriptions?tenant=', OPERATOR)).json.error.field).toBe('tenant');
  });

  it("reads and changes any tenant's resources, and publishes to the tenant it names", async () => {
    const a = (await subscribe('token-acme', { events: ['invoice.*'] })).json.id;
    expect(await call('GET', `/subscriptions/${a}`, OPERATOR)).toMatchObject({
      status: 200,
      json: { id: a, tenant: 'acme' },
    });
    expect((await call('PATCH', `/subscriptions/${a}`, OPERATOR, { description: 'ops' })).status).toBe(200);
    expect((await call('GET', `/subscriptions/${a}/secret`, OPERATOR)).status).toBe(200);
    const toAcme = await call('POST', '/events', OPERATOR, { type: 'invoice.paid', tenant: 'acme' });
    expect(toAcme).toMatchObject({ status: 202, json: { deliveries: 1 } });
    const own = await call('POST', '/events', OPERATOR, { type: 'invoice.paid' });
    expect(own).toMatchObject({ status: 202, json: { deliveries: 0 } });
    const deliveries = await call('GET', `/subscriptions/${a}/deliveries`, OPERATOR);
    expect(deliveries.json.items).toEqual([
      expect.objectContaining({ tenant: 'acme', eventId: toAcme.json.id }),
    ]);
    expect((await call('GET', `/subscriptions/${a}/deliveries?tenant=globex`, OPERATOR)).status).toBe(404);
    const delivery = await call('GET', `/deliveries/${deliveries.json.items[0].id}`, OPERATOR);
    expect(delivery).toMatchObject({ status: 200, json: { tenant: 'acme' } });
    expect((await call('DELETE', `/subscriptions/${a}`, OPERATOR)).status).toBe(204);
  });

  it('refuses the operator fields to tenants, naming them', async () => {
    expect((await subscribe('token-acme', { tenant: 'globex' })).json.error.field).toBe('tenant');
    expect((await call('GET', '/subscriptions?tenant=globex', 'token-acme')).json.error.field).toBe('tenant');
    const publish = await call('POST', '/events', 'token-acme', { type: 'a.b', tenant: 'globex' });
    expect(publish).toMatchObject({ status: 400, json: { error: { field: 'tenant' } } });
    expect((await subscribe(OPERATOR, { tenant: 7 })).json.error.field).toBe('tenant');
    expect((await subscribe(OPERATOR, { tenant: 'a\u0000b' })).json.error.field).toBe('tenant');
  });

  it('refuses an operator token that is also a tenant token, and a tenant named "operator"', () => {
    expect(() => bearerAuth({ t: 'acme' }, { operatorToken: 't' })).toThrow(/operator token/);
    expect(() => bearerAuth({ t: 'operator' }, { operatorToken: 'o' })).toThrow(/"operator"/);
  });

  it('accepts an ApiCaller from any authenticate hook; an empty tenant is 401', async () => {
    for (const [result, status] of [
      [{ tenant: 'ops', operator: true }, 200],
      [{ tenant: '' }, 401],
      [{ operator: true }, 401],
    ] as const) {
      const custom = createManagementApi({ sender, authenticate: () => result as never });
      const response = await custom.handle(
        createWebhookRequest({ method: 'GET', url: '/api/subscriptions' }),
      );
      expect([result, response.status]).toEqual([result, status]);
    }
  });
});

describe('management API answers', () => {
  it('adds the private-network hint to a blocked local address, not to an unresolvable host', async () => {
    const local = await subscribe('token-acme', { url: 'http://127.0.0.1:9/x' });
    expect(local).toMatchObject({ status: 400, json: { error: { code: 'blocked_address', field: 'url' } } });
    expect(local.json.error.message).toContain('Set ALLOW_PRIVATE=true in development.');
    const unresolvable = memorySender({
      resolve: async () => [],
      onError: () => {},
    });
    const hinted = createManagementApi({
      sender: unresolvable,
      authenticate: () => 'acme',
      privateNetworkHint: 'HINT',
    });
    const response = await hinted.handle(
      createWebhookRequest({
        method: 'POST',
        url: '/api/subscriptions',
        body: JSON.stringify({ url: 'https://nowhere.example/x', events: ['*'] }),
      }),
    );
    expect(response.status).toBe(400);
    expect(String(response.body)).not.toContain('HINT');
    await unresolvable.close();
  });

  it('refuses a JSON null body on routes that take an optional object', async () => {
    const id = (await subscribe('token-acme')).json.id;
    const rotate = await call('POST', `/subscriptions/${id}/rotate-secret`, 'token-acme', null);
    expect(rotate).toMatchObject({ status: 400, json: { error: { field: 'body' } } });
    const event = (await call('POST', '/events', 'token-acme', { type: 'a.b' })).json.id;
    const redeliver = await call('POST', `/events/${event}/redeliver`, 'token-acme', null);
    expect(redeliver).toMatchObject({ status: 400, json: { error: { field: 'body' } } });
  });
});
