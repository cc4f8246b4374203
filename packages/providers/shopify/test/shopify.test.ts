import { createWebhookRequest, hmacBase64 } from '@hookwire/core';
import { webhookErrorOf, withBody, withHeaders } from '@hookwire/core/testing';
import { shopify } from '@hookwire/shopify';
import { signShopifyRequest } from '@hookwire/shopify/testing';
import { describe, expect, it } from 'vitest';

const secret = 'test_secret_key';
const order = { id: 820982911946154500, name: '#9999', email: 'jon@example.com', line_items: [] };

describe('shopify receiver', () => {
  it('accepts the request from the official shopify-api-js test (secret, body and HMAC)', async () => {
    // @shopify/shopify-api lib/webhooks/__tests__/validate.test.ts: apiSecretKey `test_secret_key`.
    const request = createWebhookRequest({
      body: '{"foo": "bar"}',
      headers: {
        'x-shopify-hmac-sha256': 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=',
        'x-shopify-topic': 'products/create',
        'x-shopify-shop-domain': 'shop1.myshopify.io',
        'x-shopify-api-version': '2023-01',
        'x-shopify-webhook-id': '123456789',
      },
    });
    const result = await shopify({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('products/create');
    expect(result.event.id).toBe('123456789');
    expect(result.event.payload).toEqual({ foo: 'bar' });
    expect(result.event.meta).toMatchObject({ shopDomain: 'shop1.myshopify.io', apiVersion: '2023-01' });
  });

  it('names events by topic and reads the delivery headers into meta', async () => {
    const request = signShopifyRequest({
      secret,
      topic: 'orders/create',
      payload: order,
      webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
    });
    const result = await shopify({ secret }).receive(request);
    if (result.type !== 'event') throw new Error('expected an event');
    expect(result.event.provider).toBe('shopify');
    expect(result.event.name).toBe('orders/create');
    expect(result.event.id).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    expect(result.event.meta.eventId).toBe('98880550-7158-44d4-b7cd-2c97c8a091b5');
    expect(result.event.meta.triggeredAt).toEqual(expect.any(String));
    expect(result.event.payload).toEqual(order);
  });

  it('types and routes the mandatory compliance topics', async () => {
    const receiver = shopify({ secret });
    const redacted: number[] = [];
    receiver.on('customers/redact', (event) => {
      redacted.push(...event.payload.orders_to_redact);
    });
    const payload = {
      shop_id: 954889,
      shop_domain: 'shop.myshopify.com',
      customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
      orders_to_redact: [299938, 280263],
    };
    const response = await receiver.handle(
      signShopifyRequest({ secret, topic: 'customers/redact', payload }),
    );
    expect(response.status).toBe(200);
    expect(redacted).toEqual([299938, 280263]);
  });

  it('answers 401 to a bad HMAC, as Shopify app review requires', async () => {
    const response = await shopify({ secret }).handle(
      signShopifyRequest({ secret: 'wrong', topic: 'shop/redact', payload: { shop_id: 1 } }),
    );
    expect(response.status).toBe(401);
    const body = String(response.body);
    expect(body).toContain('signature_mismatch');
    expect(body).not.toContain(secret);
    expect(body).not.toContain(hmacBase64('sha256', secret, '{"shop_id":1}'));
  });

  it('rejects a tampered body', async () => {
    const request = signShopifyRequest({ secret, topic: 'orders/create', payload: order });
    const tampered = withBody(request, JSON.stringify({ ...order, email: 'x@evil.test' }));
    const error = await webhookErrorOf(shopify({ secret }).receive(tampered));
    expect(error.code).toBe('signature_mismatch');
    expect(error.status).toBe(401);
  });

  it('rejects the wrong secret', async () => {
    const request = signShopifyRequest({ secret: 'another secret', topic: 'orders/create', payload: order });
    expect((await webhookErrorOf(shopify({ secret }).receive(request))).code).toBe('signature_mismatch');
  });

  it('accepts any secret of a rotation', async () => {
    const receiver = shopify({ secret: ['old secret', secret] });
    expect((await receiver.receive(signShopifyRequest({ secret, topic: 'x/y', payload: {} }))).type).toBe(
      'event',
    );
    const old = signShopifyRequest({ secret: 'old secret', topic: 'x/y', payload: {} });
    expect((await receiver.receive(old)).type).toBe('event');
  });

  it('rejects a missing, duplicated or malformed HMAC header with 401', async () => {
    const request = signShopifyRequest({ secret, topic: 'orders/create', payload: order });
    const signature = request.headers['x-shopify-hmac-sha256'] as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-shopify-hmac-sha256': undefined }, 'missing_header'],
      [{ 'x-shopify-hmac-sha256': [signature, signature] }, 'duplicate_header'],
      [{ 'x-shopify-hmac-sha256': 'not base64!' }, 'malformed_signature'],
      // A hex digest is the common mistake: it decodes as base64 but never matches.
      [{ 'x-shopify-hmac-sha256': Buffer.from(signature, 'base64').toString('hex') }, 'signature_mismatch'],
    ];
    for (const [headers, code] of cases) {
      const error = await webhookErrorOf(shopify({ secret }).receive(withHeaders(request, headers)));
      expect(error.code).toBe(code);
      expect(error.status).toBe(401);
    }
  });

  it('requires the topic header and a JSON body', async () => {
    const request = signShopifyRequest({ secret, topic: 'orders/create', payload: order });
    const noTopic = withHeaders(request, { 'x-shopify-topic': undefined });
    expect((await webhookErrorOf(shopify({ secret }).receive(noTopic))).code).toBe('missing_header');
    const bad = signShopifyRequest({ secret, topic: 'orders/create', body: '{"id":' });
    expect((await webhookErrorOf(shopify({ secret }).receive(bad))).code).toBe('malformed_body');
  });

  it('answers 405 to other methods and refuses bad secrets at construction', async () => {
    const request = {
      ...signShopifyRequest({ secret, topic: 'orders/create', payload: order }),
      method: 'GET',
    };
    expect((await shopify({ secret }).handle(request)).status).toBe(405);
    expect(() => shopify({ secret: ' padded' })).toThrow(/whitespace/);
    expect(() => shopify({ secret: [] })).toThrow(/at least one/);
  });

  it('drops a redelivered webhook id when dedupe is on', async () => {
    const receiver = shopify({ secret, dedupe: true });
    let count = 0;
    receiver.on('orders/create', () => {
      count++;
    });
    const request = signShopifyRequest({ secret, topic: 'orders/create', payload: order, webhookId: 'same' });
    await receiver.handle(request);
    await receiver.handle(request);
    expect(count).toBe(1);
  });
});
