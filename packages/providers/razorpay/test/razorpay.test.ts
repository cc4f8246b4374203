import { hmacHex } from '@hookwire/core';
import { webhookErrorOf } from '@hookwire/core/testing';
import { razorpay } from '@hookwire/razorpay';
import { signRazorpayRequest } from '@hookwire/razorpay/testing';
import Razorpay from 'razorpay';
import { describe, expect, it } from 'vitest';

const secret = 'razorpay-webhook-secret';
// Razorpay bodies contain UTF-8 (customer names, notes): verification is over the bytes.
const body = JSON.stringify({
  entity: 'event',
  account_id: 'acc_BFQ7uQEaa7j2z7',
  event: 'payment.captured',
  contains: ['payment'],
  payload: {
    payment: {
      entity: {
        id: 'pay_DESlfW9H8K9uqM',
        entity: 'payment',
        amount: 100,
        currency: 'INR',
        status: 'captured',
        notes: { name: 'Zoë Ñuñez' },
      },
    },
  },
  created_at: 1567674606,
});
const signed = (overrides: Partial<Parameters<typeof signRazorpayRequest>[0]> = {}) =>
  signRazorpayRequest({ secret, body, eventId: 'Em6Y0l3VUf1a5o', ...overrides });

describe('razorpay receiver', () => {
  it('agrees with the official razorpay SDK (validateWebhookSignature)', async () => {
    const request = signed();
    const signature = request.headers['x-razorpay-signature'] as string;
    expect(Razorpay.validateWebhookSignature(body, signature, secret)).toBe(true);
    expect(Razorpay.validateWebhookSignature(body, signature, 'other')).toBe(false);
    const result = await razorpay({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('payment.captured');
    expect(result.event.id).toBe('Em6Y0l3VUf1a5o');
    expect(result.event.meta).toEqual({ accountId: 'acc_BFQ7uQEaa7j2z7', createdAt: 1567674606 });
    expect(result.event.payload).toEqual(JSON.parse(body));
  });

  it('rejects a tampered body and a wrong secret without leaking either', async () => {
    const tampered = { ...signed(), body: Buffer.from(body.replace('"amount":100', '"amount":1')) };
    expect((await webhookErrorOf(razorpay({ secret }).receive(tampered))).code).toBe('signature_mismatch');
    const response = await razorpay({ secret }).handle(signed({ secret: 'rzp_key_secret_by_mistake' }));
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(hmacHex('sha256', secret, body));
    expect(String(response.body)).not.toContain(secret);
  });

  it('accepts any secret of a rotation', async () => {
    expect((await razorpay({ secret: [secret, 'next'] }).receive(signed())).type).toBe('event');
  });

  it('requires X-Razorpay-Signature once and well-formed; the event id header is optional', async () => {
    const request = signed();
    const { 'x-razorpay-signature': signature, ...headers } = request.headers;
    const receive = (h: typeof headers) =>
      webhookErrorOf(razorpay({ secret }).receive({ ...request, headers: h }));
    expect((await receive(headers)).code).toBe('missing_header');
    expect(
      (await receive({ ...headers, 'x-razorpay-signature': [signature as string, signature as string] }))
        .code,
    ).toBe('duplicate_header');
    expect((await receive({ ...headers, 'x-razorpay-signature': 'sha256=00' })).code).toBe(
      'malformed_signature',
    );
    const { 'x-razorpay-event-id': _, ...withoutId } = request.headers;
    const result = await razorpay({ secret }).receive({ ...request, headers: withoutId });
    expect(result.type === 'event' && result.event.id).toBeUndefined();
  });

  it('reports a signed body without an event', async () => {
    for (const bad of ['', '{"entity":"event"}', '[1]']) {
      expect((await webhookErrorOf(razorpay({ secret }).receive(signed({ body: bad })))).code).toBe(
        'malformed_body',
      );
    }
  });

  it('drops a retried event id once handled, when dedupe is on', async () => {
    const receiver = razorpay({ secret, dedupe: true });
    const ids: string[] = [];
    receiver.on('payment.captured', (event) => {
      ids.push(event.payload.payload.payment.entity.id);
    });
    const request = signRazorpayRequest({
      secret,
      event: 'payment.captured',
      payload: { payment: { entity: { id: 'pay_1' } } },
      eventId: 'evt_same',
    });
    expect((await receiver.handle(request)).status).toBe(200);
    expect((await receiver.handle(request)).status).toBe(200);
    expect(ids).toEqual(['pay_1']);
  });
});
