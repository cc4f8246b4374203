import { coinbaseCommerce } from '@hookwire/coinbase-commerce';
import { signCoinbaseCommerceRequest } from '@hookwire/coinbase-commerce/testing';
import { hmacHex } from '@hookwire/core';
import { describeReceiver, eventOf, signerWith } from '@hookwire/core/testing';
import { Webhook } from 'coinbase-commerce-node';
import { describe, expect, it } from 'vitest';

const secret = '30291a20-0bd1-4267-9b0d-e4c4f9a4a1b0';
const body = JSON.stringify({
  id: 1,
  scheduled_for: '2017-01-31T20:50:02Z',
  attempt_number: 1,
  event: {
    id: '24934862-d980-46cb-9402-43c81b0cdba6',
    resource: 'event',
    type: 'charge:confirmed',
    api_version: '2018-03-22',
    created_at: '2017-01-31T20:49:02Z',
    data: {
      id: 'f765421f',
      code: '66BEOV2A',
      resource: 'charge',
      pricing_type: 'fixed_price',
      metadata: { order: 7 },
    },
  },
});
const signed = signerWith(signCoinbaseCommerceRequest, { secret, body });

describeReceiver({
  provider: 'coinbase-commerce',
  create: coinbaseCommerce,
  sign: ({ secret, body }) => signed({ secret, body }),
  event: { name: 'charge:confirmed', id: '24934862-d980-46cb-9402-43c81b0cdba6' },
  signatureHeaders: ['X-CC-Webhook-Signature'],
  malformedSignature: { value: 'g'.repeat(64) },
  deliveryId: true,
  malformedBodies: ['{', '{"id":1}', '{"event":{"type":"charge:created"}}'],
});

describe('coinbaseCommerce receiver', () => {
  it('agrees with the official coinbase-commerce-node SDK, both ways', async () => {
    const request = signed();
    const signature = request.headers['x-cc-webhook-signature'] as string;
    // Our signer's header passes the SDK's check, and the SDK reads the same event.
    expect(Webhook.verifySigHeader(body, signature, secret)).toBe(true);
    expect(Webhook.verifyEventBody(body, signature, secret).type).toBe('charge:confirmed');
    expect(() => Webhook.verifySigHeader(body, hmacHex('sha256', 'other', body), secret)).toThrow(
      /No signatures found matching/,
    );
    const event = await eventOf(coinbaseCommerce({ secret }).receive(request));
    expect(event.name).toBe('charge:confirmed');
    expect(event.id).toBe('24934862-d980-46cb-9402-43c81b0cdba6');
    expect(event.meta).toEqual({
      deliveryId: 1,
      attemptNumber: 1,
      scheduledFor: '2017-01-31T20:50:02Z',
    });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('signs requests for handler tests, with charge:* wildcards', async () => {
    const receiver = coinbaseCommerce({ secret });
    const seen: string[] = [];
    receiver.on('charge:confirmed', (event) => {
      seen.push(event.payload.event.data.code);
    });
    receiver.on('charge:*', (event) => {
      seen.push(event.name);
    });
    const request = signCoinbaseCommerceRequest({ secret, type: 'charge:confirmed', data: { code: 'ABC' } });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(seen.sort()).toEqual(['ABC', 'charge:confirmed']);
  });
});
