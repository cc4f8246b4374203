import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf } from '@hookwire/core/testing';
import { trello } from '@hookwire/trello';
import { signTrelloRequest } from '@hookwire/trello/testing';
import { describe, expect, it } from 'vitest';

const secret = 'a3f1c9e07b5d4e2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a';
const callbackUrl = 'https://hooks.example.com/webhooks/trello?board=main';
const payload = {
  action: {
    id: '6541f1e2d3c4b5a697887766',
    idMemberCreator: '5a1b2c3d4e5f600000000001',
    type: 'commentCard',
    date: '2024-11-01T10:00:00.000Z',
    data: { text: 'Ça marche ✓', card: { id: 'c1', name: 'Card' }, board: { id: 'b1', name: 'Board' } },
  },
  model: { id: 'b1', name: 'Board' },
};

describeReceiver({
  provider: 'trello',
  create: trello,
  sign: ({ secret, body }) => signTrelloRequest({ secret, callbackUrl, payload, body }),
  event: { name: 'commentCard', id: '6541f1e2d3c4b5a697887766' },
  signatureHeaders: ['X-Trello-Webhook'],
  malformedSignature: { value: 'in++valid' },
  handshakes: [
    {
      name: 'HEAD check',
      request: () => createWebhookRequest({ method: 'HEAD', url: callbackUrl }),
      response: { status: 200 },
    },
  ],
  deliveryId: true,
  malformedBodies: ['{"action":', '{"action":{"type":"updateCard"}}', '{"model":{}}', '[]'],
});

describe('trello receiver', () => {
  it('matches an independently computed signature: base64 HMAC-SHA1 of body then callback URL', async () => {
    // ASP.NET WebHooks' Trello test inputs; the signature computed here with node:crypto, by hand.
    const body = '{ "type": "action", "name": "Jason" }';
    const url = 'https://api.contoso.com/api/webhooks/incoming/trello';
    const key = '12345678901234567890123456789012';
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha1', key).update(`${body}${url}`, 'utf8').digest('base64');
    const request = createWebhookRequest({ url, body, headers: { 'x-trello-webhook': signature } });
    // Verification passes; the body has no action, which parsing then reports.
    const error = await webhookErrorOf(trello({ secret: key }).receive(request));
    expect(error.code).toBe('malformed_body');
    expect(error.message).toContain('action.type');
  });

  it('names the event by action.type, with action.id as its id', async () => {
    const request = signTrelloRequest({ secret, callbackUrl, payload });
    const event = await eventOf(trello({ secret }).receive(request));
    expect(event.provider).toBe('trello');
    expect(event.name).toBe('commentCard');
    expect(event.id).toBe('6541f1e2d3c4b5a697887766');
    expect(event.payload).toEqual(payload);
    expect(event.meta).toEqual({ modelId: 'b1' });
  });

  it('signs the callback URL: the request URL by default, the callbackUrl option behind a proxy', async () => {
    const proxied = signTrelloRequest({
      secret,
      callbackUrl,
      url: 'http://10.0.0.5:8080/webhooks/trello',
      payload,
    });
    const error = await webhookErrorOf(trello({ secret }).receive(proxied));
    expect(error.code).toBe('signature_mismatch');
    expect(error.message).toContain('callbackUrl');
    expect((await trello({ secret, callbackUrl }).receive(proxied)).type).toBe('event');
  });

  it('uses the registered URL byte for byte (a trailing slash changes the signature)', async () => {
    const request = signTrelloRequest({ secret, callbackUrl, payload });
    const receiver = trello({ secret, callbackUrl: callbackUrl.replace('?', '/?') });
    expect(await errorCodeOf(receiver.receive(request))).toBe('signature_mismatch');
  });

  it('rejects signatures that are not base64', async () => {
    const request = signTrelloRequest({ secret, callbackUrl, payload });
    for (const value of ['你好世界', '==', ',=,=,']) {
      const headers = { ...request.headers, 'x-trello-webhook': value };
      expect(await errorCodeOf(trello({ secret }).receive({ ...request, headers }))).toBe(
        'malformed_signature',
      );
    }
  });

  it('answers the HEAD check with no body, and a GET with 405', async () => {
    const receiver = trello({ secret });
    const head = await receiver.handle(createWebhookRequest({ method: 'HEAD', url: callbackUrl }));
    expect(head).toEqual({ status: 200 });
    const get = await receiver.handle(createWebhookRequest({ method: 'GET', url: callbackUrl }));
    expect(get.status).toBe(405);
  });

  it('checks its options at construction', () => {
    expect(() => trello({ secret, callbackUrl: '/relative' })).toThrow(/callbackUrl/);
    expect(() => trello({ secret: [] })).toThrow(/at least one/);
  });
});
