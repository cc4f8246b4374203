import { createWebhookRequest, hmacBase64 } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { shopify } from '@hookwire/shopify';
import { signShopifyRequest } from '@hookwire/shopify/testing';
import { describe, expect, it } from 'vitest';

const secret = 'test_secret_key';
const order = { id: 820982911946154500, name: '#9999', email: 'jon@example.com', line_items: [] };

describeReceiver({
  provider: 'shopify',
  create: shopify,
  sign: ({ secret }) =>
    signShopifyRequest({ secret, topic: 'orders/create', payload: order, webhookId: 'w-1' }),
  event: { name: 'orders/create', id: 'w-1' },
  signatureHeaders: ['X-Shopify-Hmac-Sha256'],
  malformedSignature: { value: 'not base64!' },
  // Shopify's app review requires 401 for every request that fails verification.
  failureStatus: 401,
  deliveryId: true,
});

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
    const event = await eventOf(shopify({ secret }).receive(request));
    expect(event.name).toBe('products/create');
    expect(event.id).toBe('123456789');
    expect(event.payload).toEqual({ foo: 'bar' });
    expect(event.meta).toMatchObject({ shopDomain: 'shop1.myshopify.io', apiVersion: '2023-01' });
  });

  it('names events by topic and reads the delivery headers into meta', async () => {
    const request = signShopifyRequest({
      secret,
      topic: 'orders/create',
      payload: order,
      webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      eventId: '98880550-7158-44d4-b7cd-2c97c8a091b5',
    });
    const event = await eventOf(shopify({ secret }).receive(request));
    expect(event.provider).toBe('shopify');
    expect(event.name).toBe('orders/create');
    expect(event.id).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    expect(event.meta.eventId).toBe('98880550-7158-44d4-b7cd-2c97c8a091b5');
    expect(event.meta.triggeredAt).toEqual(expect.any(String));
    expect(event.payload).toEqual(order);
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

  it('rejects a hex digest, the common mistake: it decodes as base64 but never matches', async () => {
    const request = signShopifyRequest({ secret, topic: 'orders/create', payload: order });
    const hex = Buffer.from(request.headers['x-shopify-hmac-sha256'] as string, 'base64').toString('hex');
    const error = await webhookErrorOf(
      shopify({ secret }).receive(withHeaders(request, { 'x-shopify-hmac-sha256': hex })),
    );
    expect(error.code).toBe('signature_mismatch');
  });

  it('requires the topic header and a JSON body', async () => {
    const request = signShopifyRequest({ secret, topic: 'orders/create', payload: order });
    const noTopic = withHeaders(request, { 'x-shopify-topic': undefined });
    expect(await errorCodeOf(shopify({ secret }).receive(noTopic))).toBe('missing_header');
    const bad = signShopifyRequest({ secret, topic: 'orders/create', body: '{"id":' });
    expect(await errorCodeOf(shopify({ secret }).receive(bad))).toBe('malformed_body');
  });

  it('refuses bad secrets at construction', () => {
    expect(() => shopify({ secret: ' padded' })).toThrow(/whitespace/);
    expect(() => shopify({ secret: [] })).toThrow(/at least one/);
  });
});
