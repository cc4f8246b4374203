import { createHmac } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { woocommerce } from '@hookwire/woocommerce';
import { createWooCommercePing, signWooCommerceRequest } from '@hookwire/woocommerce/testing';
import { describe, expect, it } from 'vitest';

const secret = 'q1w2e3r4t5y6u7i8o9p0';
const order = {
  id: 727,
  number: '727',
  status: 'processing',
  total: '29.35',
  currency: 'USD',
  line_items: [],
};

describeReceiver({
  provider: 'woocommerce',
  create: woocommerce,
  sign: ({ secret, body }) =>
    signWooCommerceRequest({ secret, topic: 'order.created', payload: order, body, deliveryId: 'd1' }),
  event: { name: 'order.created', id: 'd1' },
  signatureHeaders: ['X-WC-Webhook-Signature', 'X-WC-Webhook-Topic'],
  malformedSignature: { value: '***' },
  handshakes: [
    {
      name: 'save-time ping',
      request: () => createWooCommercePing({ webhookId: 42 }),
      response: { status: 200 },
    },
  ],
  deliveryId: true,
  malformedBodies: ['id=1'],
});

describe('woocommerce receiver', () => {
  it('verifies a delivery signed as WC_Webhook::generate_signature does (base64 HMAC-SHA256 of the body)', async () => {
    // WooCommerce sends trim(wp_json_encode($payload)), which escapes "/" as "\/".
    const body =
      '{"id":727,"number":"727","status":"processing","permalink":"https:\\/\\/shop.example.com\\/?p=727"}';
    const signature = createHmac('sha256', secret).update(body).digest('base64');
    const request = createWebhookRequest({
      body,
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-source': 'https://shop.example.com/',
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-resource': 'order',
        'x-wc-webhook-event': 'created',
        'x-wc-webhook-signature': signature,
        'x-wc-webhook-id': '12',
        'x-wc-webhook-delivery-id': '6b7d0e5b0c7b6b2c4e1c6f2d5f0f8a31',
      },
    });
    const event = await eventOf(woocommerce({ secret }).receive(request));
    expect(event.name).toBe('order.created');
    expect(event.id).toBe('6b7d0e5b0c7b6b2c4e1c6f2d5f0f8a31');
    expect(event.payload).toMatchObject({ id: 727, permalink: 'https://shop.example.com/?p=727' });
    expect(event.meta).toEqual({
      webhookId: '12',
      resource: 'order',
      event: 'created',
      source: 'https://shop.example.com/',
    });
  });

  it('names action topics by the full topic', async () => {
    const request = signWooCommerceRequest({
      secret,
      topic: 'action.woocommerce_add_to_cart',
      payload: { action: 'woocommerce_add_to_cart', arg: 'abc' },
    });
    const result = await woocommerce({ secret }).receive(request);
    expect(result.type === 'event' && result.event.name).toBe('action.woocommerce_add_to_cart');
  });

  it('answers the unsigned save-time ping with 200 without running handlers', async () => {
    const receiver = woocommerce({ secret });
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    expect((await receiver.handle(createWooCommercePing({ webhookId: 42 }))).status).toBe(200);
    expect(calls).toBe(0);
  });

  it('does not mistake other unsigned bodies for the ping', async () => {
    const receiver = woocommerce({ secret });
    for (const body of ['webhook_id=42&order=1', 'webhook_id=abc', JSON.stringify(order)]) {
      const error = await webhookErrorOf(receiver.receive(createWebhookRequest({ body })));
      expect(error.code).toBe('missing_header');
    }
  });

  it('rejects a hex signature: WooCommerce sends base64', async () => {
    const request = signWooCommerceRequest({ secret, topic: 'order.updated', payload: order });
    const hex = createHmac('sha256', secret).update(request.body).digest('hex');
    const error = await webhookErrorOf(
      woocommerce({ secret }).receive(withHeaders(request, { 'x-wc-webhook-signature': hex })),
    );
    // Hex digits are base64 characters too: the hex text decodes (to 48 bytes) and does not match.
    expect(error.code).toBe('signature_mismatch');
  });

  it('keys the HMAC with the HTML-decoded secret, as wp_specialchars_decode does', async () => {
    const request = signWooCommerceRequest({ secret: 'a&b<c>"d\'e', topic: 'order.updated', payload: order });
    expect((await woocommerce({ secret: 'a&amp;b&lt;c&gt;&quot;d&#039;e' }).receive(request)).type).toBe(
      'event',
    );
    expect((await woocommerce({ secret: 'a&b<c>"d\'e' }).receive(request)).type).toBe('event');
  });

  it('refuses an empty secret', () => {
    expect(() => woocommerce({ secret: '' })).toThrow(/empty/);
  });
});
