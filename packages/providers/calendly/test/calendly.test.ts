import { createHmac } from 'node:crypto';
import { calendly } from '@hookwire/calendly';
import { signCalendlyRequest } from '@hookwire/calendly/testing';
import { describeReceiver, errorCodeOf, eventOf, signerWith, webhookErrorOf } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const secret = 'calendly-signing-key';
const t = 1_700_000_000;
const now = () => t * 1000;
const body = JSON.stringify({
  created_at: '2023-11-14T22:13:20.000000Z',
  created_by: 'https://api.calendly.com/users/AAAA',
  event: 'invitee.created',
  payload: {
    email: 'ann@example.com',
    name: 'Ann',
    status: 'active',
    uri: 'https://api.calendly.com/invitees/1',
  },
});
const signed = signerWith(signCalendlyRequest, { secret, body, timestamp: t });
const withSignature = (value: string | string[]) => {
  const request = signed();
  return { ...request, headers: { ...request.headers, 'calendly-webhook-signature': value } };
};

describeReceiver({
  provider: 'calendly',
  create: calendly,
  sign: ({ secret, timestamp, body: signedBody = body }) => signed({ secret, timestamp, body: signedBody }),
  now: t,
  event: { name: 'invitee.created' },
  signatureHeaders: ['Calendly-Webhook-Signature'],
  malformedSignature: { value: `t=${t}` },
  timestamp: { tolerance: 180 },
  malformedBodies: ['{', '{"payload":{}}'],
});

describe('calendly receiver', () => {
  it('accepts t=…,v1=<hex HMAC-SHA256 of "t.body"> and names the event by `event`', async () => {
    const request = signed();
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(request.headers['calendly-webhook-signature']).toBe(`t=${t},v1=${v1}`);
    const event = await eventOf(calendly({ secret, now }).receive(request));
    expect(event.name).toBe('invitee.created');
    expect(event.id).toBeUndefined();
    expect(event.meta).toEqual({
      createdAt: '2023-11-14T22:13:20.000000Z',
      createdBy: 'https://api.calendly.com/users/AAAA',
    });
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('honours a custom tolerance', async () => {
    expect(
      (await calendly({ secret, now, tolerance: 600 }).receive(signed({ timestamp: t - 500 }))).type,
    ).toBe('event');
  });

  it('binds the timestamp into the signature: a new t with an old v1 fails', async () => {
    const old = signed({ timestamp: t - 3600 });
    const v1 = (old.headers['calendly-webhook-signature'] as string).split('v1=')[1];
    const replayed = { ...old, headers: { ...old.headers, 'calendly-webhook-signature': `t=${t},v1=${v1}` } };
    expect(await errorCodeOf(calendly({ secret, now }).receive(replayed))).toBe('signature_mismatch');
  });

  it('accepts any of several v1 entries', async () => {
    const good = (signed().headers['calendly-webhook-signature'] as string).split('v1=')[1];
    const request = withSignature(`t=${t},v1=${'0'.repeat(64)},v1=${good},v0=ignored`);
    expect((await calendly({ secret, now }).receive(request)).type).toBe('event');
  });

  it('requires one t and a hex v1 in the signature header', async () => {
    const receive = (v: string | string[]) =>
      webhookErrorOf(calendly({ secret, now }).receive(withSignature(v)));
    const v1 = (signed().headers['calendly-webhook-signature'] as string).split('v1=')[1];
    expect((await receive(`v1=${v1}`)).code).toBe('malformed_signature');
    expect((await receive(`t=${t},t=${t},v1=${v1}`)).code).toBe('malformed_signature');
    expect((await receive(`t=${t},v1=not-hex`)).code).toBe('malformed_signature');
    expect((await receive(`t=soon,v1=${v1}`)).code).toBe('malformed_header');
  });

  it('signs requests for handler tests', async () => {
    const receiver = calendly({ secret });
    const emails: string[] = [];
    receiver.on('invitee.canceled', (event) => {
      emails.push(event.payload.payload.email);
    });
    const request = signCalendlyRequest({
      secret,
      event: 'invitee.canceled',
      payload: { email: 'x@example.com' },
    });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(emails).toEqual(['x@example.com']);
  });
});
