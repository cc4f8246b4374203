import { createWebhookRequest, hmacBase64 } from '@hookwire/core';
import { webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { xero } from '@hookwire/xero';
import { signXeroRequest } from '@hookwire/xero/testing';
import { describe, expect, it } from 'vitest';

const secret = 'k2Vq9W0a7Yb3uXc1Zr5TnPq8Lm4Hs6Dj+Ef0Gi2Kl8Mn1Op3Qr5St7Uv9Wx1Yz3Ab5Cd7Ef9Gh1Ij3Kl5Mn7Op9Q==';
const invoice = {
  resourceUrl: 'https://api.xero.com/api.xro/2.0/Invoices/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
  resourceId: '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
  eventDateUtc: '2024-06-21T01:15:39.902',
  eventType: 'UPDATE',
  eventCategory: 'INVOICE',
  tenantId: 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f',
  tenantType: 'ORGANISATION',
} as const;
const contact = { ...invoice, eventCategory: 'CONTACT', eventType: 'CREATE', resourceId: 'c-1' } as const;

describe('xero receiver', () => {
  it('passes "intent to receive": empty 200 when signed right, empty 401 when signed wrong', async () => {
    // The body Xero's docs show for intent-to-receive requests.
    const body = '{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}';
    const good = createWebhookRequest({
      body,
      headers: { 'x-xero-signature': hmacBase64('sha256', secret, body) },
    });
    const bad = createWebhookRequest({
      body,
      headers: { 'x-xero-signature': hmacBase64('sha256', 'other', body) },
    });
    const receiver = xero({ secret });
    expect(await receiver.handle(good)).toEqual({ status: 200 });
    const rejected = await receiver.handle(bad);
    expect(rejected).toEqual({ status: 401 });
  });

  it('turns each item of events into one event named <eventCategory>.<eventType>', async () => {
    const result = await xero({ secret }).receive(signXeroRequest({ secret, events: [invoice, contact] }));
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.events.map((event) => event.name)).toEqual(['INVOICE.UPDATE', 'CONTACT.CREATE']);
    expect(result.events[0]).toMatchObject({
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

  it('rejects a tampered body and a wrong key with an empty 401', async () => {
    const request = signXeroRequest({ secret, events: [invoice] });
    const tampered = {
      ...request,
      body: Buffer.from(Buffer.from(request.body).toString().replace('UPDATE', 'CREATE')),
    };
    expect((await webhookErrorOf(xero({ secret }).receive(tampered))).code).toBe('signature_mismatch');
    const wrong = signXeroRequest({ secret: 'not the key', events: [invoice] });
    const response = await xero({ secret }).handle(wrong);
    expect(response.status).toBe(401);
    expect(response.body).toBeUndefined();
    const error = await webhookErrorOf(xero({ secret }).receive(wrong));
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(hmacBase64('sha256', secret, wrong.body));
  });

  it('accepts either key during a change', async () => {
    const receiver = xero({ secret: ['old key', secret] });
    expect((await receiver.receive(signXeroRequest({ secret: 'old key', events: [invoice] }))).type).toBe(
      'event',
    );
    expect((await receiver.receive(signXeroRequest({ secret, events: [invoice] }))).type).toBe('event');
  });

  it('treats a missing, repeated or unreadable signature as unauthorised', async () => {
    const request = signXeroRequest({ secret });
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-xero-signature': undefined }, 'missing_header'],
      [{ 'x-xero-signature': [request.headers['x-xero-signature'] as string, 'x'] }, 'duplicate_header'],
      [{ 'x-xero-signature': '***' }, 'malformed_signature'],
    ];
    for (const [headers, code] of cases) {
      const changed = withHeaders(request, headers);
      expect((await webhookErrorOf(xero({ secret }).receive(changed))).code).toBe(code);
      expect(await xero({ secret }).handle(changed)).toEqual({ status: 401 });
    }
  });

  it('answers 400 with no body to a signed body that is not a Xero batch', async () => {
    for (const body of ['{"events":', '{"entropy":"x"}', '{"events":[{"resourceId":"1"}]}']) {
      const request = signXeroRequest({ secret, body });
      expect((await webhookErrorOf(xero({ secret }).receive(request))).code).toBe('malformed_body');
      expect(await xero({ secret }).handle(request)).toEqual({ status: 400 });
    }
  });

  it('answers 405 to other methods', async () => {
    const response = await xero({ secret }).handle({ ...signXeroRequest({ secret }), method: 'GET' });
    expect(response).toEqual({ status: 405, headers: { allow: 'POST' } });
  });

  it('checks the key at construction', () => {
    expect(() => xero({ secret: '' })).toThrow(/empty/);
    expect(() => xero({ secret: ' key' })).toThrow(/whitespace/);
  });
});
