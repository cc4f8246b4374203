import { hmacHex } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, signerWith, webhookErrorOf } from '@hookwire/core/testing';
import { linear } from '@hookwire/linear';
import { signLinearRequest } from '@hookwire/linear/testing';
import { LinearWebhookClient } from '@linear/sdk/webhooks';
import { describe, expect, it } from 'vitest';

const secret = 'lin_wh_test_secret';
const ts = 1_700_000_000_000;
const now = () => ts;
const bodyAt = (webhookTimestamp: unknown) =>
  JSON.stringify({
    action: 'create',
    type: 'Issue',
    data: { id: 'i1', identifier: 'ENG-1', title: 'Crash on save', labelIds: [] },
    url: 'https://linear.app/acme/issue/ENG-1',
    createdAt: '2023-11-14T22:13:20.000Z',
    organizationId: 'org1',
    webhookId: 'wh1',
    webhookTimestamp,
  });
const body = bodyAt(ts);
const signed = signerWith(signLinearRequest, { secret, body, deliveryId: 'd-1' });

describeReceiver({
  provider: 'linear',
  create: linear,
  sign: ({ secret, timestamp, body = bodyAt(timestamp * 1000) }) => signed({ secret, body }),
  now: ts / 1000,
  event: { name: 'Issue.create', id: 'd-1' },
  signatureHeaders: ['Linear-Signature'],
  malformedSignature: { value: 'sha256=abc' },
  timestamp: { tolerance: 60 },
  deliveryId: true,
  malformedBodies: ['{', JSON.stringify({ action: 'create', webhookTimestamp: ts })],
});

describe('linear receiver', () => {
  it('agrees with the official @linear/sdk LinearWebhookClient, fresh and stale', async () => {
    const client = new LinearWebhookClient(secret);
    const fresh = bodyAt(Date.now());
    const request = signed({ body: fresh });
    const signature = request.headers['linear-signature'] as string;
    expect(client.verify(Buffer.from(fresh), signature)).toBe(true);
    expect((await linear({ secret }).receive(request)).type).toBe('event');
    const stale = bodyAt(Date.now() - 61_000);
    expect(() => client.verify(Buffer.from(stale), hmacHex('sha256', secret, stale))).toThrow(/timestamp/);
    expect(await errorCodeOf(linear({ secret }).receive(signed({ body: stale })))).toBe('timestamp_too_old');
    expect(() => client.verify(Buffer.from(fresh), hmacHex('sha256', 'other', fresh))).toThrow(/signature/);
  });

  it('names the event <type>.<action> and uses Linear-Delivery as id', async () => {
    const event = await eventOf(linear({ secret, now }).receive(signed()));
    expect(event.name).toBe('Issue.create');
    expect(event.id).toBe('d-1');
    expect(event.meta).toEqual({ webhookId: 'wh1', organizationId: 'org1', webhookTimestamp: ts });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('honours a custom tolerance', async () => {
    expect(
      (await linear({ secret, now, tolerance: 300 }).receive(signed({ body: bodyAt(ts - 200_000) }))).type,
    ).toBe('event');
  });

  it('ignores the unsigned legacy Linear-Timestamp header', async () => {
    const request = signed();
    const headers = { ...request.headers, 'linear-timestamp': String(ts - 3_600_000) };
    expect((await linear({ secret, now }).receive({ ...request, headers })).type).toBe('event');
  });

  it('requires a numeric webhookTimestamp in the signed body', async () => {
    for (const value of [undefined, String(ts), null]) {
      const error = await webhookErrorOf(linear({ secret, now }).receive(signed({ body: bodyAt(value) })));
      expect(error.code).toBe('malformed_body');
    }
  });

  it('signs requests for handler tests', async () => {
    const receiver = linear({ secret });
    const seen: string[] = [];
    receiver.on('Issue.update', (event) => {
      seen.push(event.payload.data.identifier);
    });
    receiver.on('Issue.*', (event) => {
      seen.push(event.name);
    });
    const request = signLinearRequest({
      secret,
      type: 'Issue',
      action: 'update',
      data: { identifier: 'ENG-2' },
    });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(seen.sort()).toEqual(['ENG-2', 'Issue.update']);
  });
});
