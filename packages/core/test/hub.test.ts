import {
  type BaseReceiverOptions,
  createHub,
  createWebhookRequest,
  defineProvider,
  hmacHex,
  normalizeSecrets,
} from '@hookwire/core';
import { describe, expect, it } from 'vitest';
import { verifyXSig } from './support/x-sig.js';

interface SignedOptions extends BaseReceiverOptions {
  secret: string;
}

// A minimal signed provider: hex HMAC of the body in X-Sig, the event name in the body.
const signedProvider = defineProvider<SignedOptions, string[]>({
  name: 'signed',
  title: 'Signed',
  methods: ['POST'],
  setup: (options) => normalizeSecrets(options.secret, 'Signed'),
  verify: verifyXSig('Signed'),
  parse: (request) => ({ name: JSON.parse(Buffer.from(request.body).toString()).type, payload: {} }),
});

describe('WebhookHub paths', () => {
  const hub = createHub({ signed: signedProvider({ secret: 's3cret' }) });
  const body = '{"type":"a.b"}';
  const request = (path: string) =>
    createWebhookRequest({
      url: `https://h.test${path}`,
      body,
      headers: { 'x-sig': hmacHex('sha256', 's3cret', body) },
    });

  it('answers 404 naming the encoding, never throws, for malformed percent-encodings', async () => {
    for (const path of [
      '/webhooks/%',
      '/webhooks/%zz',
      '/webhooks/signed/%E0%A4%A',
      '/webhooks/%C0%AF',
      '/%ff/signed',
    ]) {
      expect(hub.route(path)).toBeUndefined();
      const response = await hub.handle(request(path));
      expect([path, response.status]).toEqual([path, 404]);
      const error = JSON.parse(Buffer.from(response.body as string).toString()).error;
      expect(error.code).toBe('unknown_receiver');
      expect(error.message).toContain('percent-encoding');
    }
  });

  it('still decodes valid escapes in the receiver name and id', async () => {
    expect(hub.route('/webhooks/%73igned')).toEqual({ receiver: 'signed' });
    expect(hub.route('/webhooks/signed/shop%20a')).toEqual({ receiver: 'signed', id: 'shop a' });
    expect((await hub.handle(request('/webhooks/%73igned'))).status).toBe(200);
  });

  it('keeps the 404 message short for a very long path', async () => {
    const response = await hub.handle(request(`/webhooks/${'x'.repeat(5000)}`));
    expect(response.status).toBe(404);
    expect(String(response.body).length).toBeLessThan(600);
  });
});

describe('WebhookHub handlers', () => {
  it('runs an onAny handler once per event when ids are receivers derived from one another', async () => {
    const base = signedProvider({ secret: 'default-secret' });
    const other = signedProvider({ secret: 'other-secret' });
    const hub = createHub({
      signed: { default: base, 'shop-a': base.derive({ secret: 'shop-a-secret' }) },
      other,
    });
    const seen: string[] = [];
    const failures: unknown[] = [];
    hub.onAny((event) => void seen.push(`${event.provider} ${event.name}`));
    hub.onError((error) => void failures.push(error));

    const body = '{"type":"a.b"}';
    const send = (path: string, secret: string) =>
      hub.handle(
        createWebhookRequest({
          url: `https://h.test${path}`,
          body,
          headers: { 'x-sig': hmacHex('sha256', secret, body) },
        }),
      );
    expect((await send('/webhooks/signed/shop-a', 'shop-a-secret')).status).toBe(200);
    expect((await send('/webhooks/signed', 'default-secret')).status).toBe(200);
    expect((await send('/webhooks/other', 'other-secret')).status).toBe(200);
    expect(seen).toEqual(['signed a.b', 'signed a.b', 'signed a.b']);

    expect((await send('/webhooks/signed/shop-a', 'wrong')).status).toBe(401);
    expect(failures).toHaveLength(1);
  });
});
