import { createHmac } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, eventsOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { meta } from '@hookwire/meta';
import { createMetaVerificationRequest, signMetaRequest } from '@hookwire/meta/testing';
import { describe, expect, it } from 'vitest';
// Shaped after the WhatsApp Cloud API "text message received" notification.
import whatsapp from './fixtures/whatsapp-text-message.json' with { type: 'json' };

const secret = '1f0c6b2d8a4e4f0bb2f2a1c3d4e5f6a7';
const verifyToken = 'my-verify-token-42';
const receiver = () => meta({ secret, verifyToken });

const page = {
  object: 'page',
  entry: [
    {
      id: '1234',
      time: 1700000000,
      changes: [
        { field: 'feed', value: { item: 'post', verb: 'add', post_id: '1234_1' } },
        { field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_2' } },
      ],
      messaging: [
        {
          sender: { id: 'PSID' },
          recipient: { id: '1234' },
          timestamp: 1700000000,
          message: { mid: 'm1', text: 'hi' },
        },
      ],
    },
    {
      id: '5678',
      time: 1700000001,
      standby: [{ sender: { id: 'PSID2' }, recipient: { id: '5678' }, timestamp: 1 }],
    },
  ],
};

describeReceiver({
  provider: 'meta',
  create: (options) => meta({ verifyToken, ...options }),
  sign: ({ secret, body }) => signMetaRequest({ secret, payload: whatsapp, body }),
  event: { name: 'whatsapp_business_account.messages' },
  signatureHeaders: ['X-Hub-Signature-256'],
  malformedSignature: { value: 'sha256=xyz' },
  handshakes: [
    {
      name: 'hub.challenge verification',
      request: () => createMetaVerificationRequest({ verifyToken, challenge: '1158201444' }),
      response: {
        status: 200,
        body: '1158201444',
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      },
    },
  ],
  malformedBodies: [
    '{',
    '[]',
    '{"entry":[]}',
    '{"object":"page"}',
    '{"object":"page","entry":[1]}',
    '{"object":"page","entry":[{"changes":[{"value":{}}]}]}',
  ],
});

describe('meta receiver', () => {
  it('answers 403 to a wrong verify token or a missing challenge, without echoing the token', async () => {
    const wrong = await receiver().handle(createMetaVerificationRequest({ verifyToken: 'guess' }));
    expect(wrong.status).toBe(403);
    expect(String(wrong.body)).not.toContain(verifyToken);
    const request = createMetaVerificationRequest({ verifyToken });
    const noChallenge = { ...request, url: request.url.replace(/hub\.challenge=\d+&?/, '') };
    expect((await receiver().handle(noChallenge)).status).toBe(403);
    const rotated = meta({ secret, verifyToken: ['old-token', verifyToken] });
    expect((await rotated.handle(createMetaVerificationRequest({ verifyToken: 'old-token' }))).status).toBe(
      200,
    );
  });

  it('answers 405 to a GET that is not a verification request', async () => {
    const response = await receiver().handle(
      createWebhookRequest({ method: 'GET', url: 'https://example.com/meta' }),
    );
    expect(response.status).toBe(405);
  });

  it('names WhatsApp changes <object>.<field> with the value as payload', async () => {
    const events = await eventsOf(receiver().receive(signMetaRequest({ secret, payload: whatsapp })));
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe('whatsapp_business_account.messages');
    expect(events[0]!.payload).toEqual(whatsapp.entry[0]!.changes[0]!.value);
    expect(events[0]!.meta).toEqual({
      object: 'whatsapp_business_account',
      entryId: '102290129340398',
      entryTime: undefined,
      field: 'messages',
    });
  });

  it('emits one event per change and per messaging or standby item', async () => {
    const result = await receiver().receive(signMetaRequest({ secret, payload: page }));
    expect(result.type === 'event' && result.events.map((event) => event.name)).toEqual([
      'page.feed',
      'page.feed',
      'page.messaging',
      'page.standby',
    ]);
    const handled = receiver();
    const texts: string[] = [];
    handled.on('page.messaging', (event) => {
      texts.push(event.payload.message?.text ?? '');
    });
    expect((await handled.handle(signMetaRequest({ secret, payload: page }))).status).toBe(200);
    expect(texts).toEqual(['hi']);
  });

  it('verifies the raw bytes, escaped unicode and slashes included', async () => {
    const body =
      '{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":{"message":"caf\\u00e9 \\/ ok"}}]}]}';
    const request = createWebhookRequest({
      body,
      headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
    });
    const result = await receiver().receive(request);
    expect(result.type === 'event' && result.event.payload).toEqual({ message: 'café / ok' });
  });

  it('requires the sha256= prefix (SHA-1 is not accepted)', async () => {
    const request = signMetaRequest({ secret, payload: whatsapp });
    const signature = request.headers['x-hub-signature-256'] as string;
    for (const value of [signature.slice(7), `sha1=${signature.slice(7)}`]) {
      const error = await webhookErrorOf(
        receiver().receive(withHeaders(request, { 'x-hub-signature-256': value })),
      );
      expect(error.code).toBe('malformed_signature');
    }
  });

  it('refuses missing configuration at construction', () => {
    expect(() => meta({ secret, verifyToken: '' })).toThrow(/empty/);
    expect(() => meta({ secret: [], verifyToken })).toThrow(/at least one/);
    expect(() => meta({ secret } as Parameters<typeof meta>[0])).toThrow(/verifyToken/);
  });
});
