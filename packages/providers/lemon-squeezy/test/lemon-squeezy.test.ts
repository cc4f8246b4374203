import { createHmac } from 'node:crypto';
import { describeReceiver, errorCodeOf, eventOf, signerWith } from '@hookwire/core/testing';
import { lemonSqueezy } from '@hookwire/lemon-squeezy';
import { signLemonSqueezyRequest } from '@hookwire/lemon-squeezy/testing';
import { describe, expect, it } from 'vitest';

const secret = 'lemon-signing-secret';
const body = JSON.stringify({
  meta: { event_name: 'order_created', test_mode: true, webhook_id: 'wh_1', custom_data: { user_id: 42 } },
  data: { type: 'orders', id: '1', attributes: { total: 1199, status: 'paid' } },
});
const signed = signerWith(signLemonSqueezyRequest, { secret, event: 'order_created', body });

describeReceiver({
  provider: 'lemon-squeezy',
  create: lemonSqueezy,
  sign: ({ secret }) => signed({ secret }),
  event: { name: 'order_created' },
  signatureHeaders: ['X-Signature'],
  malformedSignature: { value: 'sha256=xyz' },
});

describe('lemonSqueezy receiver', () => {
  it('accepts a hex HMAC-SHA256 of the raw body and names the event by meta.event_name', async () => {
    const request = signed();
    expect(request.headers['x-signature']).toBe(createHmac('sha256', secret).update(body).digest('hex'));
    const event = await eventOf(lemonSqueezy({ secret }).receive(request));
    expect(event.name).toBe('order_created');
    expect(event.id).toBeUndefined();
    expect(event.provider).toBe('lemon-squeezy');
    expect(event.meta).toEqual({ testMode: true, webhookId: 'wh_1', customData: { user_id: 42 } });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('trusts the signed meta.event_name over the unsigned X-Event-Name header', async () => {
    const request = signed();
    const headers = { ...request.headers, 'x-event-name': 'order_refunded' };
    const result = await lemonSqueezy({ secret }).receive({ ...request, headers });
    expect(result.type === 'event' && result.event.name).toBe('order_created');
    const withoutMeta = signed({ body: '{"data":{"type":"orders","id":"1","attributes":{}}}' });
    const fallback = await lemonSqueezy({ secret }).receive(withoutMeta);
    expect(fallback.type === 'event' && fallback.event.name).toBe('order_created');
  });

  it('reports a signed body without an event name', async () => {
    for (const bad of ['not json', '{"meta":{}}']) {
      const request = signed({ body: bad });
      const { 'x-event-name': _, ...headers } = request.headers;
      expect(await errorCodeOf(lemonSqueezy({ secret }).receive({ ...request, headers }))).toBe(
        'malformed_body',
      );
    }
  });

  it('signs requests for handler tests', async () => {
    const receiver = lemonSqueezy({ secret });
    const totals: number[] = [];
    receiver.on('order_created', (event) => {
      totals.push(event.payload.data.attributes.total);
    });
    const request = signLemonSqueezyRequest({
      secret,
      event: 'order_created',
      data: { type: 'orders', id: '9', attributes: { total: 500 } },
    });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(totals).toEqual([500]);
  });
});
