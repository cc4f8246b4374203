import { createHmac } from 'node:crypto';
import { airtable } from '@hookwire/airtable';
import { signAirtableRequest } from '@hookwire/airtable/testing';
import { createWebhookRequest, hmacHex } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, withHeaders } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const secret = Buffer.from('airtable test mac secret, 32 b!!').toString('base64');
// The notification body shown in Airtable's webhooks overview.
const body =
  '{"base":{"id":"app00000000000000"},"webhook":{"id":"ach00000000000000"},"timestamp":"2022-02-01T21:25:05.663Z"}';

describeReceiver({
  provider: 'airtable',
  create: airtable,
  sign: ({ secret, body: signedBody = body }) => signAirtableRequest({ secret, body: signedBody }),
  secrets: [secret, Buffer.from('another webhook').toString('base64')],
  event: { name: 'ping', id: 'ach00000000000000:2022-02-01T21:25:05.663Z' },
  signatureHeaders: ['X-Airtable-Content-MAC'],
  malformedSignature: { value: 'hmac-sha256=not-hex' },
  deliveryId: true,
  malformedBodies: ['{"base":', '{"base":{"id":"app1"}}', '[]'],
});

describe('airtable receiver', () => {
  it('verifies a MAC keyed with the base64-decoded secret, computed independently', async () => {
    const mac = createHmac('sha256', Buffer.from(secret, 'base64')).update(body, 'utf8').digest('hex');
    const request = createWebhookRequest({
      body,
      headers: { 'x-airtable-content-mac': `hmac-sha256=${mac}` },
    });
    const event = await eventOf(airtable({ secret }).receive(request));
    expect(event).toMatchObject({
      provider: 'airtable',
      name: 'ping',
      id: 'ach00000000000000:2022-02-01T21:25:05.663Z',
      payload: JSON.parse(body),
      meta: { baseId: 'app00000000000000', webhookId: 'ach00000000000000' },
    });
  });

  it('rejects a MAC keyed with the base64 text (the usual mistake)', async () => {
    const request = createWebhookRequest({
      body,
      headers: { 'x-airtable-content-mac': `hmac-sha256=${hmacHex('sha256', secret, body)}` },
    });
    expect(await errorCodeOf(airtable({ secret }).receive(request))).toBe('signature_mismatch');
  });

  it('requires the hmac-sha256= prefix', async () => {
    const request = signAirtableRequest({ secret, body });
    const mac = request.headers['x-airtable-content-mac'] as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-airtable-content-mac': mac.slice('hmac-sha256='.length) }, 'malformed_signature'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(airtable({ secret }).receive(withHeaders(request, headers)))).toBe(code);
    }
  });

  it('runs ping handlers and answers 200', async () => {
    const receiver = airtable({ secret });
    const seen: string[] = [];
    receiver.on('ping', (event) => {
      seen.push(event.payload.webhook.id);
    });
    expect((await receiver.handle(signAirtableRequest({ secret, webhookId: 'achABC' }))).status).toBe(200);
    expect(seen).toEqual(['achABC']);
  });

  it('refuses a secret that is not base64 at construction', () => {
    expect(() => airtable({ secret: 'not base64!' })).toThrow(/macSecretBase64/);
    expect(() => airtable({ secret: [secret, '%%%'] })).toThrow(/#2/);
    expect(() => airtable({ secret: [] })).toThrow(/at least one/);
  });
});
