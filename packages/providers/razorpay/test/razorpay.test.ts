import { describeReceiver, eventOf, signerWith } from '@hookwire/core/testing';
import { razorpay } from '@hookwire/razorpay';
import { signRazorpayRequest } from '@hookwire/razorpay/testing';
import Razorpay from 'razorpay';
import { describe, expect, it } from 'vitest';
import paymentCaptured from './fixtures/payment-captured.json' with { type: 'json' };

const secret = 'razorpay-webhook-secret';
// Razorpay bodies contain UTF-8 (customer names, notes): verification is over the bytes.
const body = JSON.stringify(paymentCaptured);
const signed = signerWith(signRazorpayRequest, { secret, body, eventId: 'Em6Y0l3VUf1a5o' });

describeReceiver({
  provider: 'razorpay',
  create: razorpay,
  sign: ({ secret, body }) => signed({ secret, body }),
  event: { name: 'payment.captured', id: 'Em6Y0l3VUf1a5o' },
  signatureHeaders: ['X-Razorpay-Signature'],
  malformedSignature: { value: 'sha256=00' },
  deliveryId: true,
  malformedBodies: ['', '{"entity":"event"}', '[1]'],
});

describe('razorpay receiver', () => {
  it('agrees with the official razorpay SDK (validateWebhookSignature)', async () => {
    const request = signed();
    const signature = request.headers['x-razorpay-signature'] as string;
    expect(Razorpay.validateWebhookSignature(body, signature, secret)).toBe(true);
    expect(Razorpay.validateWebhookSignature(body, signature, 'other')).toBe(false);
    const event = await eventOf(razorpay({ secret }).receive(request));
    expect(event.name).toBe('payment.captured');
    expect(event.id).toBe('Em6Y0l3VUf1a5o');
    expect(event.meta).toEqual({ accountId: 'acc_BFQ7uQEaa7j2z7', createdAt: 1567674606 });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('takes the event id header as optional', async () => {
    const { 'x-razorpay-event-id': _, ...withoutId } = signed().headers;
    const result = await razorpay({ secret }).receive({ ...signed(), headers: withoutId });
    expect(result.type === 'event' && result.event.id).toBeUndefined();
  });
});
