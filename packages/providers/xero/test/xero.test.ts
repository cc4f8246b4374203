import { describeReceiver, errorCodeOf, eventsOf, withHeaders } from '@hookwire/core/testing';
import { type XeroWebhookEvent, xero } from '@hookwire/xero';
import { signXeroRequest } from '@hookwire/xero/testing';
import { describe, expect, it } from 'vitest';
import invoiceUpdate from './fixtures/invoice-update.json' with { type: 'json' };

const secret = 'k2Vq9W0a7Yb3uXc1Zr5TnPq8Lm4Hs6Dj+Ef0Gi2Kl8Mn1Op3Qr5St7Uv9Wx1Yz3Ab5Cd7Ef9Gh1Ij3Kl5Mn7Op9Q==';
const invoice = invoiceUpdate as XeroWebhookEvent<'INVOICE', 'UPDATE'>;
const contact = { ...invoice, eventCategory: 'CONTACT', eventType: 'CREATE', resourceId: 'c-1' } as const;

const intentToReceive =
  '{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}';
describeReceiver({
  provider: 'xero',
  create: xero,
  sign: ({ secret }) => signXeroRequest({ secret, events: [invoice] }),
  secrets: [secret, 'old key'],
  event: {
    name: 'INVOICE.UPDATE',
    id: '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777:UPDATE:2024-06-21T01:15:39.902',
  },
  signatureHeaders: ['X-Xero-Signature'],
  malformedSignature: { value: '***' },
  handshakes: [
    {
      name: 'intent to receive',
      request: ({ secret }) => signXeroRequest({ secret, body: intentToReceive }),
      response: { status: 200 },
    },
  ],
  deliveryId: true,
});

describe('xero receiver', () => {
  it('answers refusals with an empty body, so Xero sees exactly 401', async () => {
    const wrong = signXeroRequest({ secret: 'not the key', body: intentToReceive });
    expect(await xero({ secret }).handle(wrong)).toEqual({ status: 401 });
  });

  it('turns each item of events into one event named <eventCategory>.<eventType>', async () => {
    const events = await eventsOf(
      xero({ secret }).receive(signXeroRequest({ secret, events: [invoice, contact] })),
    );
    expect(events.map((event) => event.name)).toEqual(['INVOICE.UPDATE', 'CONTACT.CREATE']);
    expect(events[0]).toMatchObject({
      provider: 'xero',
      id: '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777:UPDATE:2024-06-21T01:15:39.902',
      payload: invoice,
      meta: { tenantId: invoice.tenantId, firstEventSequence: 1, lastEventSequence: 2 },
    });
  });

  it('runs handlers per event and answers 200 with no body', async () => {
    const receiver = xero({ secret });
    const seen: string[] = [];
    receiver.on('INVOICE.UPDATE', (event) => {
      seen.push(event.payload.resourceId);
    });
    receiver.on('CONTACT.*', (event) => {
      seen.push(event.name);
    });
    const response = await receiver.handle(signXeroRequest({ secret, events: [invoice, contact] }));
    expect(response).toEqual({ status: 200 });
    expect(seen).toEqual([invoice.resourceId, 'CONTACT.CREATE']);
  });

  it('answers a missing, repeated or unreadable signature with an empty 401', async () => {
    const request = signXeroRequest({ secret });
    const signature = request.headers['x-xero-signature'] as string;
    for (const value of [undefined, [signature, 'x'], '***']) {
      expect(await xero({ secret }).handle(withHeaders(request, { 'x-xero-signature': value }))).toEqual({
        status: 401,
      });
    }
  });

  it('answers 400 with no body to a signed body that is not a Xero batch', async () => {
    for (const body of ['{"events":', '{"entropy":"x"}', '{"events":[{"resourceId":"1"}]}']) {
      const request = signXeroRequest({ secret, body });
      expect(await errorCodeOf(xero({ secret }).receive(request))).toBe('malformed_body');
      expect(await xero({ secret }).handle(request)).toEqual({ status: 400 });
    }
  });

  it('checks the key at construction', () => {
    expect(() => xero({ secret: '' })).toThrow(/empty/);
    expect(() => xero({ secret: ' key' })).toThrow(/whitespace/);
  });
});
