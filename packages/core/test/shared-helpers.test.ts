import {
  checkPublicUrl,
  createWebhookRequest,
  decodeBase64Secrets,
  defineCodeProvider,
  defineSignedProvider,
  hmacBase64,
  hmacHex,
  parseJsonObject,
  publicRequestUrl,
  readSignatureHeader,
  requireHttps,
  verifySignatureHeader,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import { errorCodeOf, eventOf, webhookErrorOf, withBody, withHeaders } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const secret = 'whsec_test_secret';
const body = '{"type":"order.paid","id":"evt_1"}';

function signed(header: string, value: string) {
  return createWebhookRequest({ body, headers: { [header]: value } });
}

describe('verifySignatureHeader', () => {
  const hex = {
    header: 'X-Sig',
    algorithm: 'sha256',
    encoding: 'hex',
    secrets: [secret],
    provider: 'Acme',
  } as const;

  it('accepts the HMAC of the raw body, with and without a prefix, hex and base64', () => {
    expect(() => verifySignatureHeader(signed('x-sig', hmacHex('sha256', secret, body)), hex)).not.toThrow();
    const prefixed = signed('x-sig', `sha1=${hmacHex('sha1', secret, body)}`);
    expect(() =>
      verifySignatureHeader(prefixed, { ...hex, algorithm: 'sha1', prefix: 'sha1=' }),
    ).not.toThrow();
    const base64 = signed('x-sig', hmacBase64('sha256', secret, body));
    expect(() => verifySignatureHeader(base64, { ...hex, encoding: 'base64' })).not.toThrow();
  });

  it('signs `parts` instead of the body when given', () => {
    const request = signed('x-sig', hmacHex('sha256', secret, 'id.', body));
    expect(() => verifySignatureHeader(request, { ...hex, parts: ['id.', request.body] })).not.toThrow();
    expect(() => verifySignatureHeader(request, hex)).toThrow(
      expect.objectContaining({ code: 'signature_mismatch' }),
    );
  });

  it('accepts any secret of a rotation', () => {
    const request = signed('x-sig', hmacHex('sha256', 'new-secret', body));
    expect(() => verifySignatureHeader(request, { ...hex, secrets: [secret, 'new-secret'] })).not.toThrow();
  });

  it('rejects a missing header with the hint, a missing prefix, a tampered body and a wrong secret', async () => {
    const missing = await webhookErrorOf(() =>
      verifySignatureHeader(createWebhookRequest({ body }), { ...hex, hint: 'Acme signs everything.' }),
    );
    expect(missing).toMatchObject({
      code: 'missing_header',
      message: 'The X-Sig header is missing. Acme signs everything.',
    });
    const unprefixed = signed('x-sig', hmacHex('sha256', secret, body));
    expect(
      (await webhookErrorOf(() => verifySignatureHeader(unprefixed, { ...hex, prefix: 'sha256=' }))).code,
    ).toBe('malformed_signature');
    const good = signed('x-sig', hmacHex('sha256', secret, body));
    expect((await webhookErrorOf(() => verifySignatureHeader(withBody(good, `${body} `), hex))).code).toBe(
      'signature_mismatch',
    );
    const wrong = await webhookErrorOf(() => verifySignatureHeader(good, { ...hex, secrets: ['other'] }));
    expect(wrong.code).toBe('signature_mismatch');
    expect(wrong.message).not.toContain(secret);
    expect(wrong.message).not.toContain(hmacHex('sha256', secret, body));
  });

  it('rejects a duplicated header and a value that is not a signature', async () => {
    const signature = hmacHex('sha256', secret, body);
    const twice = withHeaders(signed('x-sig', signature), { 'x-sig': [signature, signature] });
    expect((await webhookErrorOf(() => verifySignatureHeader(twice, hex))).code).toBe('duplicate_header');
    expect((await webhookErrorOf(() => verifySignatureHeader(signed('x-sig', 'zz!'), hex))).code).toBe(
      'malformed_signature',
    );
  });

  it('readSignatureHeader returns the value without its prefix', () => {
    expect(readSignatureHeader(signed('x-sig', 'v0=abc'), { header: 'X-Sig', prefix: 'v0=' })).toBe('abc');
    expect(readSignatureHeader(signed('x-sig', 'v0=abc'), { header: 'X-Sig' })).toBe('v0=abc');
  });
});

describe('requireHttps', () => {
  it('lets https and local http through', () => {
    for (const url of [
      'https://example.com/h',
      'http://localhost:3000/h',
      'http://127.0.0.1/h',
      'http://[::1]:8080/h',
    ]) {
      expect(() => requireHttps(createWebhookRequest({ url }), 'no')).not.toThrow();
    }
  });

  it('refuses plain http elsewhere with 400 unauthorized and the given message', async () => {
    const request = createWebhookRequest({ url: 'http://example.com/h' });
    const error = await webhookErrorOf(() => requireHttps(request, 'Use https.'));
    expect(error).toMatchObject({ code: 'unauthorized', status: 400, message: 'Use https.' });
    const named = await webhookErrorOf(() => requireHttps(request, (scheme) => `came over ${scheme}`));
    expect(named.message).toBe('came over http');
  });
});

describe('publicRequestUrl and checkPublicUrl', () => {
  const request = createWebhookRequest({ url: 'http://internal:8080/hooks/a?x=1' });

  it('keeps the request URL without publicUrl and swaps the origin with one', () => {
    expect(publicRequestUrl(request)).toBe('http://internal:8080/hooks/a?x=1');
    expect(publicRequestUrl(request, 'https://hooks.example.com/')).toBe(
      'https://hooks.example.com/hooks/a?x=1',
    );
    expect(publicRequestUrl(request, () => 'https://fixed/url')).toBe('https://fixed/url');
    expect(publicRequestUrl(createWebhookRequest({ url: 'relative?y=2' }), 'https://h.example')).toBe(
      'https://h.example/relative?y=2',
    );
  });

  it('refuses a relative base or one with a query at construction', () => {
    expect(() => checkPublicUrl('hooks.example.com', 'Acme')).toThrow(WebhookConfigError);
    expect(() => checkPublicUrl('https://h.example?x=1', 'Acme')).toThrow(/Acme: `publicUrl`/);
    expect(() => checkPublicUrl('https://h.example', 'Acme')).not.toThrow();
    expect(() => checkPublicUrl(undefined, 'Acme')).not.toThrow();
  });
});

describe('decodeBase64Secrets', () => {
  it('decodes every secret of a rotation to its bytes', () => {
    const keys = decodeBase64Secrets(['AAEC', 'aGVsbG8='], 'Acme', 'hint');
    expect(keys.map((key) => key.toString('hex'))).toEqual(['000102', '68656c6c6f']);
  });

  it('names the secret that is not base64, without echoing it', () => {
    expect(() => decodeBase64Secrets('not base64!', 'Acme', 'Copy it again.')).toThrow(
      'Acme: secret is not base64. Copy it again.',
    );
    expect(() => decodeBase64Secrets(['AAEC', 'a_b-'], 'Acme', 'x')).toThrow(
      'Acme: secret #2 is not base64. x',
    );
    expect(() => decodeBase64Secrets(undefined, 'Acme', 'x')).toThrow(WebhookConfigError);
  });
});

describe('defineCodeProvider and parseJsonObject', () => {
  const code = 'c'.repeat(32);
  const acme = defineCodeProvider({
    name: 'acme',
    title: 'Acme',
    parse: (request) => {
      const payload = parseJsonObject(request, 'Acme');
      return { name: String(payload.action), payload };
    },
  });

  it('checks ?code= and lets the provider name the event', async () => {
    const request = createWebhookRequest({
      url: `https://example.com/h?code=${code}`,
      body: '{"action":"push"}',
    });
    const result = await acme({ code }).receive(request);
    expect(result.type === 'event' && [result.event.provider, result.event.name]).toEqual(['acme', 'push']);
  });

  it('refuses a wrong code, plain http, a short code and a body that is not an object', async () => {
    const receiver = acme({ code: [code, 'd'.repeat(32)] });
    const wrong = createWebhookRequest({ url: `https://example.com/h?code=${'e'.repeat(32)}`, body: '{}' });
    expect((await webhookErrorOf(receiver.receive(wrong))).code).toBe('unauthorized');
    const http = createWebhookRequest({ url: `http://example.com/h?code=${code}`, body: '{}' });
    expect(await webhookErrorOf(receiver.receive(http))).toMatchObject({ code: 'unauthorized', status: 400 });
    expect(() => acme({ code: 'short' })).toThrow(WebhookConfigError);
    const array = createWebhookRequest({ url: `https://example.com/h?code=${code}`, body: '[]' });
    expect(await webhookErrorOf(receiver.receive(array))).toMatchObject({
      code: 'malformed_body',
      message: 'The Acme webhook body is not a JSON object.',
    });
  });
});

describe('defineSignedProvider', () => {
  const acme = defineSignedProvider({
    name: 'acme',
    title: 'Acme',
    signature: {
      header: 'X-Acme-Signature',
      algorithm: 'sha256',
      encoding: 'hex',
      prefix: 'sha256=',
      hint: 'Acme signs.',
    },
    parse: (request, ctx) => {
      const payload = parseJsonObject(request, 'Acme');
      return {
        name: String(payload.type),
        id: String(payload.id),
        payload,
        meta: { tolerance: ctx.tolerance },
      };
    },
  });
  const sign = (key: string, text = body) =>
    createWebhookRequest({
      body: text,
      headers: { 'x-acme-signature': `sha256=${hmacHex('sha256', key, text)}` },
    });

  it('verifies the header under any secret of a rotation and parses the event', async () => {
    const result = await acme({ secret: [secret, 'next-secret'] }).receive(sign('next-secret'));
    expect(result.type === 'event' && [result.event.name, result.event.id, result.event.meta]).toEqual([
      'order.paid',
      'evt_1',
      { tolerance: 300 },
    ]);
  });

  it('rejects a wrong secret, a missing header with its hint and a missing secret option', async () => {
    const receiver = acme({ secret });
    expect((await webhookErrorOf(receiver.receive(sign('other')))).code).toBe('signature_mismatch');
    const missing = await webhookErrorOf(receiver.receive(createWebhookRequest({ body })));
    expect(missing.message).toBe('The X-Acme-Signature header is missing. Acme signs.');
    expect(() => acme({} as never)).toThrow('Acme: the `secret` option is required.');
  });

  it("runs the provider's own verify and handshake over the secrets, and needs signature or verify", async () => {
    const seen: string[][] = [];
    const custom = defineSignedProvider({
      title: 'Custom',
      handshake: (request) => (request.method === 'GET' ? { status: 204 } : undefined),
      verify: (request, { state }) => {
        seen.push(state.secrets);
        if (request.headers['x-ok'] !== 'yes') throw new WebhookError('signature_mismatch', 'No.');
      },
      event: { name: 'type' },
    });
    const receiver = custom({ secret: ['a', 'b'] });
    expect((await receiver.receive(createWebhookRequest({ method: 'GET' }))).type).toBe('response');
    const signed = createWebhookRequest({ body, headers: { 'x-ok': 'yes' } });
    expect((await eventOf(receiver.receive(signed))).name).toBe('order.paid');
    expect(seen).toEqual([['a', 'b']]);
    expect(await errorCodeOf(receiver.receive(createWebhookRequest({ body })))).toBe('signature_mismatch');
    expect(() => defineSignedProvider({ title: 'None', event: { name: 'type' } })).toThrow(
      WebhookConfigError,
    );
    const both = { title: 'Both', signature: 'X-Sig', verify: () => {}, event: { name: 'type' } };
    expect(() => defineSignedProvider(both)).toThrow(/signature.*or.*verify/);
  });

  it('defaults the name, a hex HMAC-SHA256 header given by name alone and the missing-header hint', async () => {
    const lemon = defineSignedProvider({
      title: 'Lemon Squeezy',
      signature: 'X-Signature',
      event: { name: 'type' },
    });
    const receiver = lemon({ secret });
    const signed = createWebhookRequest({
      body,
      headers: { 'x-signature': hmacHex('sha256', secret, body) },
    });
    expect(receiver.provider).toBe('lemon-squeezy');
    expect((await eventOf(receiver.receive(signed))).name).toBe('order.paid');
    const missing = await webhookErrorOf(receiver.receive(createWebhookRequest({ body })));
    expect(missing.message).toBe(
      'The X-Signature header is missing. Lemon Squeezy signs every webhook; is this request from Lemon Squeezy?',
    );
  });
});
