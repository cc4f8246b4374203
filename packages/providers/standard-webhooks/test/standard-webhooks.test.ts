import {
  createWebhookRequest,
  decodeStandardSecret,
  generateStandardKeyPair,
  generateStandardSecret,
  hmacBase64,
  WebhookConfigError,
  type WebhookRequest,
} from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf } from '@hookwire/core/testing';
import { standardWebhooks } from '@hookwire/standard-webhooks';
import { signStandardWebhookRequest } from '@hookwire/standard-webhooks/testing';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

// Svix's published vectors (svix-server worker.rs tests `test_msg_headers` and
// `test_asymmetric_key_signing`), which the official Standard Webhooks libraries share.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  v1: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  signingKey: 'whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==',
  publicKey: 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=',
  v1a: 'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==',
};
const at = (seconds: number) => () => seconds * 1000;
const pinned = at(vector.timestamp);

function vectorRequest(signature: string, prefix = 'webhook'): WebhookRequest {
  return createWebhookRequest({
    body: vector.body,
    headers: {
      [`${prefix}-id`]: vector.id,
      [`${prefix}-timestamp`]: String(vector.timestamp),
      [`${prefix}-signature`]: signature,
    },
  });
}

const secret = generateStandardSecret();
const payload = {
  type: 'invoice.paid',
  timestamp: '2026-01-01T00:00:00Z',
  data: { id: 'inv_1', amount: 42 },
};
const now = 1_800_000_000;
const sign = (overrides: Parameters<typeof signStandardWebhookRequest>[0] = {}) =>
  signStandardWebhookRequest({ secret, payload, timestamp: now, id: 'msg_1', ...overrides });
const receiver = (options: Parameters<typeof standardWebhooks>[0] = { secret }) =>
  standardWebhooks({ now: at(now), ...options });

function withHeaders(request: WebhookRequest, headers: Record<string, string | string[] | undefined>) {
  return { ...request, headers: { ...request.headers, ...headers } };
}

describeReceiver({
  provider: 'standard-webhooks',
  create: standardWebhooks,
  sign: ({ secret, timestamp }) => signStandardWebhookRequest({ secret, payload, timestamp, id: 'msg_1' }),
  secrets: [secret, generateStandardSecret()],
  event: { name: 'invoice.paid', id: 'msg_1' },
  signatureHeaders: ['webhook-signature', 'webhook-id', 'webhook-timestamp'],
  malformedSignature: { value: 'v1,!!!not base64!!!' },
  timestamp: { tolerance: 300 },
  deliveryId: true,
});

describeReceiver({
  provider: 'standard-webhooks',
  variant: 'ed25519',
  create: ({ secret, ...options }) =>
    standardWebhooks({ publicKey: [secret].flat().map((pair) => pair.publicKey), ...options }),
  sign: ({ secret, timestamp }) =>
    signStandardWebhookRequest({ signingKey: secret.signingKey, payload, timestamp, id: 'msg_1' }),
  secrets: [generateStandardKeyPair(), generateStandardKeyPair()],
  event: { name: 'invoice.paid', id: 'msg_1' },
  signatureHeaders: ['webhook-signature'],
  malformedSignature: { value: 'v1a,***' },
  timestamp: { tolerance: 300 },
});

describe('standardWebhooks: published vectors', () => {
  it('accepts the v1 (HMAC) vector', async () => {
    const event = await eventOf(
      standardWebhooks({ secret: vector.secret, now: pinned }).receive(vectorRequest(vector.v1)),
    );
    expect(event.id).toBe(vector.id);
    expect(event.payload).toEqual({ test: 2432232314 });
    expect(event.meta).toEqual({ timestamp: vector.timestamp * 1000, headerPrefix: 'webhook' });
  });

  it('accepts the v1a (ed25519) vector with the whpk_ public key alone, and reproduces its signature', async () => {
    const request = vectorRequest(vector.v1a);
    const result = await standardWebhooks({ publicKey: vector.publicKey, now: pinned }).receive(request);
    expect(result.type).toBe('event');
    const signed = signStandardWebhookRequest({
      signingKey: vector.signingKey,
      id: vector.id,
      timestamp: vector.timestamp,
      body: vector.body,
    });
    expect(signed.headers['webhook-signature']).toBe(vector.v1a);
  });

  it('checks only the entries it has keys for, as the spec example header mixes v1 and v1a', async () => {
    const both = `v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= ${vector.v1a}`;
    expect(
      (await standardWebhooks({ publicKey: vector.publicKey, now: pinned }).receive(vectorRequest(both)))
        .type,
    ).toBe('event');
    const symmetric = standardWebhooks({ secret: vector.secret, now: pinned });
    expect(await errorCodeOf(symmetric.receive(vectorRequest(both)))).toBe('signature_mismatch');
    expect(await errorCodeOf(symmetric.receive(vectorRequest(vector.v1a)))).toBe('malformed_signature');
  });

  it('accepts a bare base64 secret (without whsec_), as the official libraries do', async () => {
    const bare = standardWebhooks({ secret: vector.secret.slice('whsec_'.length), now: pinned });
    expect((await bare.receive(vectorRequest(vector.v1))).type).toBe('event');
  });
});

describe('standardWebhooks: the official standardwebhooks library', () => {
  const body = JSON.stringify(payload);

  it('verifies what the library signs', async () => {
    const library = new Webhook(secret);
    const timestamp = new Date();
    const request = createWebhookRequest({
      body,
      headers: {
        'webhook-id': 'msg_lib',
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': library.sign('msg_lib', timestamp, body),
      },
    });
    const result = await standardWebhooks({ secret }).receive(request);
    expect(result.type === 'event' && result.event.name).toBe('invoice.paid');
  });

  it('signs what the library verifies', () => {
    const request = signStandardWebhookRequest({ secret, body, id: 'msg_ours' });
    const headers = request.headers as Record<string, string>;
    expect(new Webhook(secret).verify(body, headers)).toEqual(payload);
    expect(() => new Webhook(generateStandardSecret()).verify(body, headers)).toThrow(
      /No matching signature/,
    );
  });
});

describe('standardWebhooks receiver', () => {
  it('names the event by the body type, with the webhook-id as id and the signed timestamp in meta', async () => {
    const event = await eventOf(receiver().receive(sign()));
    expect(event).toMatchObject({
      provider: 'standard-webhooks',
      name: 'invoice.paid',
      id: 'msg_1',
      payload,
      meta: { timestamp: now * 1000, headerPrefix: 'webhook' },
    });
  });

  it('names a payload without a type string "message"', async () => {
    const result = await receiver().receive(sign({ payload: { data: 1 } }));
    expect(result.type === 'event' && result.event.name).toBe('message');
  });

  it('rejects a changed id or timestamp (both are signed)', async () => {
    const request = sign();
    expect(
      (await webhookErrorOf(receiver().receive(withHeaders(request, { 'webhook-id': 'msg_2' })))).code,
    ).toBe('signature_mismatch');
    const moved = withHeaders(request, { 'webhook-timestamp': String(now + 1) });
    expect(await errorCodeOf(receiver().receive(moved))).toBe('signature_mismatch');
  });

  it('reveals neither the decoded secret nor the expected signature', async () => {
    const request = sign({ secret: generateStandardSecret() });
    const text = String((await receiver().handle(request)).body);
    const expected = hmacBase64('sha256', decodeStandardSecret(secret), `msg_1.${now}.`, request.body);
    expect(text).not.toContain(expected);
    expect(text).not.toContain(secret.slice(6));
  });

  it('reports each missing header by name', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const error = await webhookErrorOf(receiver().receive(withHeaders(sign(), { [name]: undefined })));
      expect(error.message).toContain(name);
    }
    const bare = createWebhookRequest({ body: JSON.stringify(payload) });
    expect(await errorCodeOf(receiver().receive(bare))).toBe('missing_header');
  });

  it('rejects malformed signatures and timestamps', async () => {
    const request = sign();
    for (const value of ['v1,', 'garbage', 'v2,Zm9v', ',Zm9v']) {
      const error = await webhookErrorOf(
        receiver().receive(withHeaders(request, { 'webhook-signature': value })),
      );
      expect(error.code).toBe('malformed_signature');
    }
    const short = await webhookErrorOf(
      receiver().receive(withHeaders(request, { 'webhook-signature': 'v1,AAAA' })),
    );
    expect(short.code).toBe('signature_mismatch');
    const good = (request.headers['webhook-signature'] as string).slice(3);
    const garbled = `v1,${good.slice(0, 10)}!${good.slice(11)}`;
    const garbledError = await webhookErrorOf(
      receiver().receive(withHeaders(request, { 'webhook-signature': garbled })),
    );
    expect(garbledError.code).toBe('malformed_signature');
    const otherMac = `v1,${Buffer.alloc(32, 7).toString('base64')}`;
    const otherError = await webhookErrorOf(
      receiver().receive(withHeaders(request, { 'webhook-signature': otherMac })),
    );
    expect(otherError.code).toBe('signature_mismatch');
    const spaced = `  ${garbled}   v2,Zm9v  v1,${good} `;
    expect((await receiver().receive(withHeaders(request, { 'webhook-signature': spaced }))).type).toBe(
      'event',
    );
    for (const value of ['soon', '1.5', '-1', '0x10']) {
      const error = await webhookErrorOf(
        receiver().receive(withHeaders(request, { 'webhook-timestamp': value })),
      );
      expect(error.code).toBe('malformed_header');
    }
  });

  it('reports a malformed JSON body once the signature is verified', async () => {
    const error = await webhookErrorOf(receiver().receive(sign({ body: '{"type":' })));
    expect(error.code).toBe('malformed_body');
    expect(error.status).toBe(400);
  });

  it('accepts any signature of a sender rotating its own secret', async () => {
    const rotating = sign({ secret: [generateStandardSecret(), secret] });
    expect((rotating.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect((await receiver().receive(rotating)).type).toBe('event');
  });

  it('verifies either v1 or v1a when given a secret and a public key', async () => {
    const pair = generateStandardKeyPair();
    const asymmetric = sign({ secret: undefined, signingKey: pair.signingKey });
    expect((await receiver({ secret, publicKey: pair.publicKey }).receive(asymmetric)).type).toBe('event');
    expect((await receiver({ secret, publicKey: pair.publicKey }).receive(sign())).type).toBe('event');
  });

  it('reads svix-* headers when no webhook-* header is present, never mixing the two', async () => {
    const svix = sign({ headerPrefix: 'svix' });
    const result = await receiver().receive(svix);
    expect(result.type === 'event' && result.event.meta.headerPrefix).toBe('svix');
    const mixed = withHeaders(svix, { 'webhook-id': 'msg_1' });
    const error = await webhookErrorOf(receiver().receive(mixed));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('webhook-timestamp');
  });

  it('types events given as a type parameter', async () => {
    const typed = standardWebhooks<{ 'invoice.paid': typeof payload }>({ secret, now: at(now) });
    let amount = 0;
    typed.on('invoice.paid', (event) => {
      amount = event.payload.data.amount;
    });
    await typed.handle(sign());
    expect(amount).toBe(42);
  });

  it('refuses wrong configurations at construction, without echoing them', () => {
    const pair = generateStandardKeyPair();
    expect(() => standardWebhooks({})).toThrow(WebhookConfigError);
    expect(() => standardWebhooks({ secret: pair.publicKey })).toThrow(/publicKey/);
    expect(() => standardWebhooks({ secret: pair.signingKey })).toThrow(/whsk_/);
    expect(() => standardWebhooks({ publicKey: secret })).toThrow(/pass it as `secret`/);
    expect(() => standardWebhooks({ publicKey: pair.signingKey })).toThrow(/whpk_/);
    expect(() => standardWebhooks({ publicKey: 'whpk_AAAA' })).toThrow(WebhookConfigError);
    expect(() => standardWebhooks({ secret: 'whsec_not base64!' })).toThrow(WebhookConfigError);
    expect(() => standardWebhooks({ secret: `${secret}\n` })).toThrow(/whitespace/);
    expect(() => standardWebhooks({ secret: 'whsec_not base64!' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('not base64!') }),
    );
  });
});
