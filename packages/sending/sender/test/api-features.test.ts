import {
  bearerAuth,
  checkJsonSchema,
  createManagementApi,
  createMemoryStore,
  createSender,
  type Resolver,
  type Sender,
} from '@hookwire/sender';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, startSubscriber, waitFor } from './helpers.js';

const TOKENS = { 'token-acme': 'acme', 'token-globex': 'globex' };
const OPERATOR = 'token-operator';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function setup(options: { resolve?: Resolver; allowPrivateNetwork?: boolean } = {}) {
  const hook = await startSubscriber((q, res) => {
    if (q.url.startsWith('/fail')) res.writeHead(503).end('try later');
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${JSON.parse(q.body).type}`);
  });
  const sender: Sender = createSender({
    store: createMemoryStore(),
    allowPrivateNetwork: options.allowPrivateNetwork ?? true,
    ...(options.resolve ? { resolve: options.resolve } : {}),
    retrySchedule: [60],
    pollIntervalMs: 20,
    onError: () => {},
  });
  const api = createManagementApi({
    sender,
    authenticate: bearerAuth(TOKENS, { operatorToken: OPERATOR }),
    allowPublish: true,
  });
  await sender.start();
  cleanup.push(async () => {
    await sender.close();
    await hook.close();
  });
  async function call(method: string, path: string, body?: unknown, token: string | null = 'token-acme') {
    const { status, json } = await callApi(api, method, path, { body, token });
    return { status, json };
  }
  return { hook, sender, api, call };
}

describe('payload filters over the API', () => {
  it('delivers only the events whose data passes the filter, to a real subscriber', async () => {
    const { hook, call } = await setup();
    const created = await call('POST', '/subscriptions', {
      url: `${hook.url}/big`,
      events: ['order.*'],
      filter: {
        $or: [{ total: { $gte: 100 } }, { 'customer.tags': 'vip' }],
        currency: { $in: ['EUR', 'USD'] },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.filter).toEqual({
      $or: [{ total: { $gte: 100 } }, { 'customer.tags': 'vip' }],
      currency: { $in: ['EUR', 'USD'] },
    });
    const plain = await call('POST', '/subscriptions', { url: `${hook.url}/all`, events: ['order.*'] });
    const events = [
      { total: 150, currency: 'EUR' },
      { total: 5, currency: 'EUR' },
      { total: 5, currency: 'USD', customer: { tags: ['vip'] } },
      { total: 500, currency: 'GBP' },
    ];
    const deliveries = [];
    for (const [i, data] of events.entries()) {
      const published = await call('POST', '/events', { type: 'order.paid', data, id: `order_${i}` });
      deliveries.push(published.json.deliveries);
    }
    expect(deliveries).toEqual([2, 1, 2, 1]);
    await waitFor(() => hook.requests.length === 6, 5000, 'six deliveries');
    const toBig = hook.requests.filter((r) => r.url === '/big').map((r) => r.headers['webhook-id']);
    expect(toBig.sort()).toEqual(['order_0', 'order_2']);
    expect(hook.requests.filter((r) => r.url === '/all')).toHaveLength(4);

    const test = (data: unknown) => call('POST', `/subscriptions/${created.json.id}/test-filter`, { data });
    expect(await test({ total: 100, currency: 'USD' })).toEqual({ status: 200, json: { matches: true } });
    expect(await test({ total: 99, currency: 'USD' })).toEqual({ status: 200, json: { matches: false } });
    expect((await call('POST', `/subscriptions/${plain.json.id}/test-filter`, { data: null })).json).toEqual({
      matches: true,
    });

    const cleared = await call('PATCH', `/subscriptions/${created.json.id}`, { filter: null });
    expect(cleared.json.filter).toBeNull();
    expect((await test({ total: 1 })).json).toEqual({ matches: true });
  });

  it('answers 400 naming the bad node of a filter, and 404 for another tenant as for a missing id', async () => {
    const { hook, call } = await setup();
    const bad: [unknown, string][] = [
      [{ total: { $gte: 1, $regex: '^a' } }, 'filter.total.$regex'],
      [{ $or: [{ a: 1 }, { b: { $in: [[1]] } }] }, 'filter.$or[1].b.$in[0]'],
      [{ id: { $in: Array.from({ length: 5000 }, (_, i) => i) } }, 'filter.id.$in'],
      ['total > 5', 'filter'],
    ];
    let deep: unknown = { a: 1 };
    for (let i = 0; i < 1000; i++) deep = { $and: [deep] };
    bad.push([deep, `filter${'.$and[0]'.repeat(8)}.$and`]);
    for (const [filter, field] of bad) {
      const response = await call('POST', '/subscriptions', { url: `${hook.url}/x`, events: ['*'], filter });
      expect([response.status, response.json.error.field]).toEqual([400, field]);
      expect(response.json.error.message.length).toBeGreaterThan(10);
    }
    const own = await call('POST', '/subscriptions', { url: `${hook.url}/x`, events: ['*'] });
    const missing = 'sub_01JAAAAAAAAAAAAAAAAAAAAAAA';
    for (const path of ['test-filter', 'send-example', 'stats']) {
      const method = path === 'stats' ? 'GET' : 'POST';
      const payload =
        path === 'test-filter' ? { data: {} } : path === 'send-example' ? { type: 'a.b' } : undefined;
      const other = await call(method, `/subscriptions/${own.json.id}/${path}`, payload, 'token-globex');
      const none = await call(method, `/subscriptions/${missing}/${path}`, payload, 'token-globex');
      expect(other.status).toBe(404);
      expect(JSON.stringify(other.json).replace(own.json.id, missing)).toBe(JSON.stringify(none.json));
    }
    expect(hook.requests).toHaveLength(0);
    const noData = await call('POST', `/subscriptions/${own.json.id}/test-filter`, {});
    expect([noData.status, noData.json.error.field]).toEqual([400, 'data']);
  });
});

describe('event catalogue over the API', () => {
  const invoiceSchema = {
    type: 'object',
    required: ['invoiceId', 'total', 'paidAt'],
    properties: {
      invoiceId: { type: 'string', pattern: '^in_' },
      total: { $ref: '#/$defs/money' },
      paidAt: { type: 'string', format: 'date-time' },
      lines: {
        type: 'object',
        patternProperties: { '^line_': { $ref: '#/$defs/money' } },
        additionalProperties: false,
      },
    },
    $defs: { money: { type: 'number', minimum: 0 } },
  };

  it('lets the operator register, change and deprecate types; tenants read them with an example', async () => {
    const { call } = await setup();
    const refused = await call('POST', '/event-types', { name: 'invoice.paid', schema: invoiceSchema });
    expect(refused).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    const created = await call(
      'POST',
      '/event-types',
      { name: 'invoice.paid', schema: invoiceSchema },
      OPERATOR,
    );
    expect(created).toMatchObject({ status: 201, json: { name: 'invoice.paid', schema: invoiceSchema } });

    const detail = await call('GET', '/event-types/invoice.paid');
    expect(detail.status).toBe(200);
    expect(checkJsonSchema(invoiceSchema).validate(detail.json.example)).toBeUndefined();

    const publish = (data: unknown) => call('POST', '/events', { type: 'invoice.paid', data });
    const valid = { invoiceId: 'in_1', total: 5, paidAt: '2025-01-31T12:00:00Z', lines: { line_1: 5 } };
    expect((await publish(valid)).status).toBe(202);
    const cases: [unknown, string][] = [
      [{ ...valid, paidAt: 'yesterday' }, 'data.paidAt'],
      [{ ...valid, total: -1 }, 'data.total'],
      [{ ...valid, lines: { line_1: -2 } }, 'data.lines.line_1'],
      [{ ...valid, lines: { other: 1 } }, 'data.lines.other'],
      [{ ...valid, invoiceId: 'x' }, 'data.invoiceId'],
      [{ invoiceId: 'in_1', total: 1 }, 'data.paidAt'],
    ];
    for (const [data, field] of cases) {
      const response = await publish(data);
      expect([response.status, response.json.error.field]).toEqual([400, field]);
    }

    const example = { invoiceId: 'in_9', total: 9, paidAt: '2025-02-01T00:00:00Z' };
    const patched = await call(
      'PATCH',
      '/event-types/invoice.paid',
      { description: 'Paid in full', example },
      OPERATOR,
    );
    expect(patched).toMatchObject({ status: 200, json: { description: 'Paid in full', example } });
    expect((await call('GET', '/event-types/invoice.paid')).json.example).toEqual(example);
    const badExample = await call(
      'PATCH',
      '/event-types/invoice.paid',
      { example: { total: 'x' } },
      OPERATOR,
    );
    expect([badExample.status, badExample.json.error.field]).toEqual([400, 'example.total']);

    const deprecated = await call('POST', '/event-types/invoice.paid/deprecate', undefined, OPERATOR);
    expect(deprecated).toMatchObject({ status: 200, json: { deprecated: true } });
    expect((await call('GET', '/event-types')).json.items).toEqual([
      { name: 'invoice.paid', description: 'Paid in full', schema: invoiceSchema, example, deprecated: true },
    ]);
    expect((await call('GET', '/event-types/invoice.voided')).status).toBe(404);
    expect((await call('PATCH', '/event-types/invoice.voided', { deprecated: true }, OPERATOR)).status).toBe(
      404,
    );
  });

  it('refuses a schema it would not apply as written, naming the keyword', async () => {
    const { call } = await setup();
    const cases: [unknown, string, RegExp][] = [
      [{ $ref: 'https://example.com/schema.json' }, 'schema.$ref', /network/],
      [{ properties: { a: { $ref: '#/$defs/missing' } } }, 'schema.properties.a.$ref', /points at nothing/],
      [{ type: 'object', requird: ['a'] }, 'schema.requird', /not a JSON Schema keyword/],
      [
        { properties: { at: { type: 'string', format: 'datetime' } } },
        'schema.properties.at.format',
        /format/,
      ],
      [{ patternProperties: { '(': true } }, 'schema.patternProperties["("]', /regular expression/],
      [{ type: 'text' }, 'schema.type', /one of/],
      [{ $schema: 'http://json-schema.org/draft-04/schema#' }, 'schema.$schema', /Unsupported/],
      [{ properties: { a: { $dynamicRef: '#x' } } }, 'schema.properties.a.$dynamicRef', /keyword/],
      [[], 'schema', /JSON Schema/],
    ];
    for (const [schema, field, message] of cases) {
      const response = await call('POST', '/event-types', { name: 'a.b', schema }, OPERATOR);
      expect([JSON.stringify(schema), response.status, response.json.error.field]).toEqual([
        JSON.stringify(schema),
        400,
        field,
      ]);
      expect(response.json.error.message).toMatch(message);
    }
    expect((await call('GET', '/event-types')).json.items).toEqual([]);
  });
});

describe('send an example', () => {
  it('sends a signed example of the type and answers with the attempt', async () => {
    const { hook, call } = await setup();
    await call(
      'POST',
      '/event-types',
      {
        name: 'invoice.paid',
        schema: { type: 'object', properties: { total: { type: 'number', minimum: 10 } } },
      },
      OPERATOR,
    );
    const created = await call('POST', '/subscriptions', { url: `${hook.url}/in`, events: ['invoice.*'] });
    const answer = await call('POST', `/subscriptions/${created.json.id}/send-example`, {
      type: 'invoice.paid',
    });
    expect(answer).toMatchObject({
      status: 200,
      json: {
        type: 'invoice.paid',
        status: 200,
        succeeded: true,
        responseExcerpt: 'got invoice.paid',
        error: null,
      },
    });
    expect(answer.json.durationMs).toBeGreaterThanOrEqual(0);
    expect(hook.requests).toHaveLength(1);
    const request = hook.requests[0]!;
    const verified = new Webhook(created.json.secret).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as { type: string; data: unknown };
    expect(verified).toMatchObject({ type: 'invoice.paid', data: { total: 10 } });
    expect(request.headers['webhook-id']).toBe(answer.json.eventId);
    // Outside the delivery log.
    expect((await call('GET', `/subscriptions/${created.json.id}/deliveries`)).json.items).toEqual([]);

    const unknown = await call('POST', `/subscriptions/${created.json.id}/send-example`, {
      type: 'invoice.voided',
    });
    expect(unknown).toMatchObject({
      status: 400,
      json: { error: { code: 'unknown_event_type', field: 'type' } },
    });
    const failing = await call('POST', '/subscriptions', { url: `${hook.url}/fail`, events: ['*'] });
    const failed = await call('POST', `/subscriptions/${failing.json.id}/send-example`, {
      type: 'invoice.paid',
    });
    expect(failed.json).toMatchObject({ status: 503, succeeded: false, responseExcerpt: 'try later' });
  });

  it('goes through the SSRF guard: a name that rebinds to loopback is refused and nothing arrives', async () => {
    let lookups = 0;
    const rebinding: Resolver = async () => {
      lookups += 1;
      return [{ address: lookups === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const { hook, call } = await setup({ resolve: rebinding, allowPrivateNetwork: false });
    const created = await call('POST', '/subscriptions', {
      url: `http://rebind.example.com:${hook.port}/in`,
      events: ['*'],
    });
    expect(created.status).toBe(201);
    const answer = await call('POST', `/subscriptions/${created.json.id}/send-example`, {
      type: 'a.b',
      data: { x: 1 },
    });
    expect(answer.json).toMatchObject({ status: null, succeeded: false, responseExcerpt: null });
    expect(answer.json.error).toContain('127.0.0.1');
    expect(hook.requests).toHaveLength(0);
  });
});

describe('endpoint statistics over the API', () => {
  it('counts attempts, successes and failures of the last hour and day', async () => {
    const { hook, call } = await setup();
    const ok = await call('POST', '/subscriptions', { url: `${hook.url}/in`, events: ['a.*'] });
    const bad = await call('POST', '/subscriptions', { url: `${hook.url}/fail`, events: ['a.*'] });
    for (let i = 0; i < 3; i++) await call('POST', '/events', { type: 'a.b', data: { i } });
    await waitFor(() => hook.requests.length === 6, 5000, 'six attempts');
    const stats = async (id: string) =>
      waitFor(async () => {
        const answer = await call('GET', `/subscriptions/${id}/stats`);
        return answer.json.lastDay.attempts === 3 ? answer : undefined;
      });
    const good = await stats(ok.json.id);
    expect(good.json.lastHour).toMatchObject({ attempts: 3, successes: 3, failures: 0 });
    expect(good.json.lastDay.latencyMs.p50).toBeGreaterThanOrEqual(0);
    expect(good.json.lastDay.latencyMs.p99).toBeGreaterThanOrEqual(good.json.lastDay.latencyMs.p50);
    const failing = await stats(bad.json.id);
    expect(failing.json.lastHour).toMatchObject({ attempts: 3, successes: 0, failures: 3 });
    const fresh = await call('POST', '/subscriptions', { url: `${hook.url}/in`, events: ['z.*'] });
    expect((await call('GET', `/subscriptions/${fresh.json.id}/stats`)).json).toEqual({
      lastHour: { attempts: 0, successes: 0, failures: 0, latencyMs: null },
      lastDay: { attempts: 0, successes: 0, failures: 0, latencyMs: null },
    });
  });
});
