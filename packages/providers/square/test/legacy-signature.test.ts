import { createHmac } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { errorCodeOf, webhookErrorOf } from '@hookwire/core/testing';
import { square } from '@hookwire/square';
import { describe, expect, it } from 'vitest';

const secret = 'square-signature-key';
const notificationUrl = 'https://hooks.example.com/webhooks/square';
const body = JSON.stringify({
  type: 'payment.updated',
  event_id: 'e-1',
  data: { type: 'payment', id: 'p-1' },
});

/** An older subscription: only `x-square-signature`, base64 HMAC-SHA1 of notification URL ‖ body. */
function legacyRequest(key = secret) {
  const signature = createHmac('sha1', key)
    .update(notificationUrl + body)
    .digest('base64');
  return createWebhookRequest({
    url: notificationUrl,
    body,
    headers: { 'content-type': 'application/json', 'x-square-signature': signature },
  });
}

describe('Square legacy x-square-signature', () => {
  it('is refused by default, with a message naming the option', async () => {
    const error = await webhookErrorOf(square({ secret, notificationUrl }).receive(legacyRequest()));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('allowSha1: true');
    expect(error.message).toContain('x-square-signature');
  });

  it('is accepted with allowSha1, over the notification URL and the body', async () => {
    const result = await square({ secret, notificationUrl, allowSha1: true }).receive(legacyRequest());
    expect(result.type === 'event' && result.event.name).toBe('payment.updated');
  });

  it('is still checked with allowSha1: a wrong key or another URL fails', async () => {
    const lenient = square({ secret, notificationUrl, allowSha1: true });
    expect(await errorCodeOf(lenient.receive(legacyRequest('other-key')))).toBe('signature_mismatch');
    const elsewhere = square({ secret, notificationUrl: `${notificationUrl}/other`, allowSha1: true });
    expect(await errorCodeOf(elsewhere.receive(legacyRequest()))).toBe('signature_mismatch');
  });
});
