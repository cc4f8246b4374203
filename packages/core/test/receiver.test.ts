import {
  type BaseReceiverOptions,
  createHub,
  createWebhookRequest,
  defineProvider,
  hmacHex,
  jsonResponse,
  normalizeSecrets,
  textResponse,
  WebhookError,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';
import { verifyXSig } from './support/x-sig.js';

interface TestOptions extends BaseReceiverOptions {
  secret: string | string[];
}

// A tiny provider: hex HMAC in X-Sig, event name in the body, GET ?challenge= handshake,
// `ping` answered as a signed handshake, `batch` carrying several events.
const testProvider = defineProvider<TestOptions, string[], { 'order.created': { id: string } }>({
  name: 'test',
  title: 'Test',
  methods: ['POST'],
  setup: (options) => normalizeSecrets(options.secret, 'Test'),
  handshake(request) {
    const challenge = new URL(request.url).searchParams.get('challenge');
    return request.method === 'GET' && challenge ? textResponse(200, challenge) : undefined;
  },
  verify: verifyXSig('Test'),
  parse(request) {
    const payload = JSON.parse(Buffer.from(request.body).toString()) as {
      type: string;
      id?: string;
      items?: string[];
    };
    if (payload.type === 'ping') return { response: jsonResponse(200, { pong: true }) };
    if (payload.type === 'batch') return (payload.items ?? []).map((name) => ({ name, payload: {} }));
    return { name: payload.type, id: payload.id, payload };
  },
});

function signed(body: unknown, secret = 's3cret', url?: string) {
  const text = JSON.stringify(body);
  return createWebhookRequest({ url, body: text, headers: { 'x-sig': hmacHex('sha256', secret, text) } });
}

describe('Receiver', () => {
  it('answers unsigned handshakes before checking the method or signature', async () => {
    const response = await testProvider({ secret: 's3cret' }).handle(
      createWebhookRequest({ method: 'GET', url: 'https://x.test/hook?challenge=abc' }),
    );
    expect(response).toMatchObject({ status: 200, body: 'abc' });
  });

  it('returns signed handshakes as responses without running handlers', async () => {
    const receiver = testProvider({ secret: 's3cret' });
    let ran = false;
    receiver.onAny(() => {
      ran = true;
    });
    const response = await receiver.handle(signed({ type: 'ping' }));
    expect(response.body).toBe('{"pong":true}');
    expect(ran).toBe(false);
  });

  it('runs handlers for each event of a batch', async () => {
    const receiver = testProvider({ secret: 's3cret' });
    const names: string[] = [];
    receiver.onAny((event) => {
      names.push(event.name);
    });
    const result = await receiver.receive(signed({ type: 'batch', items: ['a.one', 'a.two'] }));
    expect(result.type === 'event' && result.events.map((e) => e.name)).toEqual(['a.one', 'a.two']);
    expect((await receiver.handle(signed({ type: 'batch', items: ['a.one', 'a.two'] }))).status).toBe(200);
    expect(names).toEqual(['a.one', 'a.two']);
  });

  it('matches exact names, lists, prefix wildcards and *', async () => {
    const receiver = testProvider({ secret: 's3cret' });
    const hits: string[] = [];
    receiver.on('order.created', (e) => void hits.push(`exact:${e.payload.id}`));
    receiver.on(['order.updated', 'order.created'], () => void hits.push('list'));
    receiver.on('order.*', () => void hits.push('prefix'));
    receiver.on('invoice.*', () => void hits.push('wrong-prefix'));
    receiver.on('order', () => void hits.push('no-implicit-prefix'));
    receiver.on('*', () => void hits.push('all'));
    await receiver.handle(signed({ type: 'order.created', id: 'o1' }));
    expect(hits.sort()).toEqual(['all', 'exact:o1', 'list', 'prefix']);
  });

  it('lets a handler reply with its own response', async () => {
    const receiver = testProvider({ secret: 's3cret' });
    receiver.on('order.created', () => ({ status: 202, body: 'queued' }));
    expect(await receiver.handle(signed({ type: 'order.created' }))).toEqual({ status: 202, body: 'queued' });
  });

  it('maps verification errors to their status and hides internal errors', async () => {
    const receiver = testProvider({ secret: 's3cret' });
    const seen: unknown[] = [];
    receiver.onError((error) => seen.push(error));
    const missing = await receiver.handle(createWebhookRequest({ body: '{}' }));
    expect(missing.status).toBe(400);
    expect(JSON.parse(String(missing.body)).error.code).toBe('missing_header');
    const notJson = createWebhookRequest({
      body: 'nope',
      headers: { 'x-sig': hmacHex('sha256', 's3cret', 'nope') },
    });
    const internal = await receiver.handle(notJson);
    expect(internal.status).toBe(500);
    expect(String(internal.body)).not.toContain('JSON');
    expect(seen).toHaveLength(2);
  });

  it('keeps answering when an error handler throws', async () => {
    const receiver = testProvider({ secret: 's3cret' }).onError(() => {
      throw new Error('logger down');
    });
    expect((await receiver.handle(createWebhookRequest({ body: '{}' }))).status).toBe(400);
  });

  it('does not remember a delivery whose handler failed, so the retry runs', async () => {
    const receiver = testProvider({ secret: 's3cret', dedupe: true });
    let attempts = 0;
    receiver.on('order.created', () => {
      attempts++;
      if (attempts === 1) throw new Error('transient');
    });
    const request = signed({ type: 'order.created', id: 'dup' });
    expect((await receiver.handle(request)).status).toBe(500);
    expect((await receiver.handle(request)).status).toBe(200);
    expect((await receiver.handle(request)).status).toBe(200);
    expect(attempts).toBe(2);
  });

  it('handles every event of a request whose events share one id, then drops the repeat', async () => {
    const receiver = testProvider({ secret: 's3cret', dedupe: true });
    const names: string[] = [];
    receiver.onAny((event) => void names.push(event.name));
    const twin = defineProvider<TestOptions, string[]>({
      name: 'twin',
      title: 'Twin',
      setup: (options) => normalizeSecrets(options.secret, 'Twin'),
      verify: () => {},
      parse: () => [
        { name: 'a.one', id: 'same', payload: {} },
        { name: 'a.two', id: 'same', payload: {} },
      ],
    })({ secret: 's', dedupe: true });
    twin.onAny((event) => void names.push(event.name));
    expect((await twin.handle(createWebhookRequest({ body: '{}' }))).status).toBe(200);
    expect((await twin.handle(createWebhookRequest({ body: '{}' }))).status).toBe(200);
    expect(names).toEqual(['a.one', 'a.two']);
  });

  it('rejects a non-positive tolerance at construction', () => {
    expect(() => testProvider({ secret: 's', tolerance: 0 })).toThrow(/tolerance/);
  });

  it('derives siblings that share handlers but not secrets', async () => {
    const a = testProvider({ secret: 'secret-a' });
    const b = a.derive({ secret: 'secret-b' });
    const names: string[] = [];
    a.onAny((e) => void names.push(e.name));
    expect((await b.handle(signed({ type: 'x.y' }, 'secret-b'))).status).toBe(200);
    expect((await b.handle(signed({ type: 'x.y' }, 'secret-a'))).status).toBe(401);
    expect(names).toEqual(['x.y']);
  });
});

describe('WebhookHub', () => {
  const a = testProvider({ secret: 'secret-a' });
  const hub = createHub({
    test: { default: a, shop: a.derive({ secret: 'secret-b' }) },
    other: testProvider({ secret: 'o' }),
  });

  it('routes by the last path segments and selects the secret by id', async () => {
    expect(hub.route('/webhooks/test')).toEqual({ receiver: 'test' });
    expect(hub.route('/webhooks/test/shop')).toEqual({ receiver: 'test', id: 'shop' });
    expect(hub.route('/webhooks/nothing')).toBeUndefined();
    const ok = await hub.handle(signed({ type: 'x.y' }, 'secret-b', 'https://h.test/webhooks/test/shop'));
    expect(ok.status).toBe(200);
    const wrongId = await hub.handle(signed({ type: 'x.y' }, 'secret-b', 'https://h.test/webhooks/test'));
    expect(wrongId.status).toBe(401);
  });

  it('answers 404 for unknown receivers and ids', async () => {
    const unknown = await hub.handle(signed({ type: 'x' }, 'o', 'https://h.test/webhooks/nope'));
    expect(unknown.status).toBe(404);
    const unknownId = await hub.handle(signed({ type: 'x' }, 'o', 'https://h.test/webhooks/other/extra'));
    expect(unknownId.status).toBe(404);
    expect(() => hub.resolve({ receiver: 'test', id: 'nope' })).toThrow(WebhookError);
  });

  it('registers onAny on every receiver once', async () => {
    const local = createHub({
      one: testProvider({ secret: 's3cret' }),
      two: testProvider({ secret: 's3cret' }),
    });
    const seen: string[] = [];
    local.onAny((e) => void seen.push(e.name));
    await local.handle(signed({ type: 'a.b' }, 's3cret', 'https://h.test/hooks/one'));
    await local.handle(signed({ type: 'c.d' }, 's3cret', 'https://h.test/hooks/two'));
    expect(seen).toEqual(['a.b', 'c.d']);
    expect(local.names).toEqual(['one', 'two']);
  });

  it('refuses route names that are not URL segments', () => {
    expect(() => createHub({ 'a/b': testProvider({ secret: 's' }) })).toThrow(/URL segment/);
  });
});

describe('defineProvider name', () => {
  it('defaults to the title in lower case, words joined by -, in the receiver and its events', async () => {
    const dynamics = defineProvider<BaseReceiverOptions, undefined>({
      title: 'Dynamics CRM',
      setup: () => undefined,
      verify: () => undefined,
      parse: () => ({ name: 'Update', payload: {} }),
    })({});
    expect(dynamics.provider).toBe('dynamics-crm');
    const result = await dynamics.receive(createWebhookRequest({ body: '{}' }));
    expect(result.type === 'event' && result.event.provider).toBe('dynamics-crm');
  });
});
