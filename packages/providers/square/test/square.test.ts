import { createWebhookRequest } from '@hookwire/core';
import {
  describeReceiver,
  errorCodeOf,
  eventOf,
  webhookErrorOf,
  withBody,
  withHeaders,
} from '@hookwire/core/testing';
import { square } from '@hookwire/square';
import { signSquareRequest } from '@hookwire/square/testing';
import { describe, expect, it } from 'vitest';
import payment from './fixtures/payment-updated.json' with { type: 'json' };

const secret = 'square-signature-key';
const notificationUrl = 'https://hooks.example.com/webhooks/square';

// The vectors every official Square SDK tests WebhooksHelper against (Node, Python, Java, PHP, Ruby, Go).
const sdkBody =
  '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}';
const sdkUrl = 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9';
const sdkKey = 'Ibxx_5AKakO-3qeNVR61Dw';

describeReceiver({
  provider: 'square',
  create: (options) => square({ notificationUrl, ...options }),
  sign: ({ secret }) => signSquareRequest({ secret, notificationUrl, payload: payment }),
  event: { name: 'payment.updated', id: 'a1b2c3' },
  signatureHeaders: ['X-Square-Hmacsha256-Signature'],
  malformedSignature: { value: '!!' },
  deliveryId: true,
});

describe('square receiver', () => {
  it("verifies the official SDKs' test notification", async () => {
    const request = createWebhookRequest({
      url: sdkUrl,
      body: sdkBody,
      headers: { 'x-square-hmacsha256-signature': 'GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=' },
    });
    const event = await eventOf(square({ secret: sdkKey, notificationUrl: sdkUrl }).receive(request));
    expect(event.name).toBe('webhooks.test_notification');
    expect(event.id).toBe('ac3ac95b-f97d-458c-a6e6-18981597e05f');
    expect(event.meta).toMatchObject({ merchantId: 'MLEFBHHSJGVHD', objectType: 'webhooks' });
    // The SDK's failing cases: another URL, another key, a reformatted body.
    const otherUrl = square({
      secret: sdkKey,
      notificationUrl: 'https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9',
    });
    expect(await errorCodeOf(otherUrl.receive(request))).toBe('signature_mismatch');
    const otherKey = square({ secret: 'MCmhFRxGX82xMwg5FsaoQA', notificationUrl: sdkUrl });
    expect(await errorCodeOf(otherKey.receive(request))).toBe('signature_mismatch');
    const pretty = withBody(request, JSON.stringify(JSON.parse(sdkBody), null, 4));
    expect(
      (await webhookErrorOf(square({ secret: sdkKey, notificationUrl: sdkUrl }).receive(pretty))).code,
    ).toBe('signature_mismatch');
  });

  it('verifies the SDK vectors over raw bytes, with and without characters one must not escape', async () => {
    const url = 'https://webhook.site/webhooks';
    const cases: [string, string][] = [
      ['{"data":{"type":"webhooks","id":"fake_id"}}', 'W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA='],
      ['{"data":{"type":"webhooks","id":">id<"}}', 'Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U='],
    ];
    for (const [body, signature] of cases) {
      const request = createWebhookRequest({
        url,
        body,
        headers: { 'x-square-hmacsha256-signature': signature },
      });
      const error = await webhookErrorOf(
        square({ secret: 'signature-key', notificationUrl: url }).receive(request),
      );
      // The signature checks out; these bodies have no `type`, which parsing then reports.
      expect(error.code).toBe('malformed_body');
    }
  });

  it('signs over the configured notification URL, not the URL this server sees', async () => {
    const request = signSquareRequest({ secret, notificationUrl, payload: payment });
    const proxied = { ...request, url: 'http://127.0.0.1:8080/webhooks/square' };
    const event = await eventOf(square({ secret, notificationUrl }).receive(proxied));
    expect(event.name).toBe('payment.updated');
    expect(event.id).toBe('a1b2c3');
    expect(event.payload).toEqual(payment);
  });

  it('uses the legacy SHA-1 header only when allowed and the SHA-256 one is absent', async () => {
    const request = signSquareRequest({ secret, notificationUrl, payload: payment, sha1: true });
    const legacyOnly = withHeaders(request, { 'x-square-hmacsha256-signature': undefined });
    expect(await errorCodeOf(square({ secret, notificationUrl }).receive(legacyOnly))).toBe('missing_header');
    expect((await square({ secret, notificationUrl, allowSha1: true }).receive(legacyOnly)).type).toBe(
      'event',
    );
    // A valid SHA-1 does not rescue a wrong SHA-256.
    const downgraded = withHeaders(request, { 'x-square-hmacsha256-signature': 'AAAA' });
    const error = await webhookErrorOf(
      square({ secret, notificationUrl, allowSha1: true }).receive(downgraded),
    );
    expect(error.code).toBe('signature_mismatch');
  });

  it('reports malformed bodies and refuses a missing notificationUrl', async () => {
    const bad = signSquareRequest({ secret, notificationUrl, body: '{"type":' });
    expect(await errorCodeOf(square({ secret, notificationUrl }).receive(bad))).toBe('malformed_body');
    expect(() => square({ secret, notificationUrl: '/webhooks/square' })).toThrow(/notificationUrl/);
  });
});
