import { createHmac } from 'node:crypto';
import { aspnet } from '@hookwire/aspnet';
import { createAspNetEchoRequest, signAspNetRequest } from '@hookwire/aspnet/testing';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import {
  describeReceiver,
  errorCodeOf,
  eventsOf,
  webhookErrorOf,
  withBody,
  withHeaders,
} from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const secret = '12345678901234567890123456789012';

// What WebHookManager.CreateWebHookRequestBody + JObject.ToString() produce on Windows: indented
// JSON with CRLF line ends, signed as HMAC-SHA256 over those exact bytes, hex in upper case.
const body = [
  '{',
  '  "Id": "0ed6d1c4a4c34e1ea4d2e2e0bd2ee2c4",',
  '  "Attempt": 2,',
  '  "Properties": {',
  '    "p1": "pv1"',
  '  },',
  '  "Notifications": [',
  '    {',
  '      "Action": "event1",',
  '      "Id": 42',
  '    },',
  '    {',
  '      "Action": "event2",',
  '      "Text": "caf\u00e9"',
  '    }',
  '  ]',
  '}',
].join('\r\n');

function dotnetRequest(payload: string, key = secret): WebhookRequest {
  const hex = createHmac('sha256', key).update(payload, 'utf8').digest('hex').toUpperCase();
  return createWebhookRequest({
    body: payload,
    headers: { 'content-type': 'application/json; charset=utf-8', 'ms-signature': `sha256=${hex}` },
  });
}

const echo = '4e1f5ad0b4a44d3c9a0b1e5c3f2d6e7a';
describeReceiver({
  provider: 'aspnet',
  create: aspnet,
  sign: ({ secret, body }) =>
    signAspNetRequest({ secret, id: 'abc', notifications: [{ Action: 'user.created', Id: 1 }], body }),
  event: { name: 'user.created', id: 'abc' },
  signatureHeaders: ['ms-signature'],
  malformedSignature: { value: 'sha256=XYZ' },
  handshakes: [
    {
      name: 'GET ?echo=',
      request: () => createAspNetEchoRequest({ echo }),
      response: {
        status: 200,
        body: echo,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      },
    },
  ],
  deliveryId: true,
  malformedBodies: [
    '{',
    '[]',
    '{"Notifications":[]}',
    '{"Id":"x"}',
    '{"Id":"x","Notifications":[{}]}',
    '{"Id":"x","Notifications":[1]}',
  ],
});

describe('aspnet (ASP.NET WebHooks sender) receiver', () => {
  it('verifies the sender’s CRLF-indented body and emits one event per notification', async () => {
    const events = await eventsOf(aspnet({ secret }).receive(dotnetRequest(body)));
    expect(events.map((event) => [event.name, event.id])).toEqual([
      ['event1', '0ed6d1c4a4c34e1ea4d2e2e0bd2ee2c4:0'],
      ['event2', '0ed6d1c4a4c34e1ea4d2e2e0bd2ee2c4:1'],
    ]);
    expect(events[1]!.payload).toEqual({ Action: 'event2', Text: 'café' });
    expect(events[0]!.meta).toEqual({
      deliveryId: '0ed6d1c4a4c34e1ea4d2e2e0bd2ee2c4',
      attempt: 2,
      properties: { p1: 'pv1' },
    });
  });

  it('uses the delivery Id itself for a single notification, so retries (another attempt) dedupe', async () => {
    const receiver = aspnet({ secret, dedupe: true });
    let count = 0;
    receiver.on('user.created', () => {
      count++;
    });
    const first = signAspNetRequest({
      secret,
      id: 'abc',
      attempt: 1,
      notifications: [{ Action: 'user.created', Id: 1 }],
    });
    const retry = signAspNetRequest({
      secret,
      id: 'abc',
      attempt: 2,
      notifications: [{ Action: 'user.created', Id: 1 }],
    });
    expect((await receiver.receive(first)).type === 'event').toBe(true);
    await receiver.handle(first);
    await receiver.handle(retry);
    expect(count).toBe(1);
  });

  it('runs every notification of a batch even with dedupe on', async () => {
    const receiver = aspnet({ secret, dedupe: true });
    const seen: string[] = [];
    receiver.onAny((event) => {
      seen.push(event.name);
    });
    await receiver.handle(dotnetRequest(body));
    expect(seen).toEqual(['event1', 'event2']);
  });

  it('answers 405 to a GET without ?echo=', async () => {
    const noEcho = createWebhookRequest({ method: 'GET', url: 'https://example.com/webhooks/aspnet' });
    expect((await aspnet({ secret }).handle(noEcho)).status).toBe(405);
  });

  it('accepts lower-case hex and a case-insensitive "sha256" key, as the .NET receiver did', async () => {
    const request = dotnetRequest(body);
    const hex = (request.headers['ms-signature'] as string).slice(7);
    for (const value of [`sha256=${hex.toLowerCase()}`, `SHA256=${hex}`, ` sha256 =${hex}`]) {
      expect((await aspnet({ secret }).receive(withHeaders(request, { 'ms-signature': value }))).type).toBe(
        'event',
      );
    }
  });

  it('rejects a body that only re-serialises the JSON', async () => {
    const compact = withBody(dotnetRequest(body), JSON.stringify(JSON.parse(body)));
    expect(await errorCodeOf(aspnet({ secret }).receive(compact))).toBe('signature_mismatch');
  });

  it('requires the sha256= key and a hex value', async () => {
    const request = dotnetRequest(body);
    const signature = request.headers['ms-signature'] as string;
    for (const value of [signature.slice(7), `sha1=${signature.slice(7)}`, 'sha256=']) {
      const error = await webhookErrorOf(
        aspnet({ secret }).receive(withHeaders(request, { 'ms-signature': value })),
      );
      expect(error.code).toBe('malformed_signature');
    }
  });

  it('acknowledges an empty batch with 200', async () => {
    const response = await aspnet({ secret }).handle(signAspNetRequest({ secret, notifications: [] }));
    expect(response.status).toBe(200);
  });

  it('refuses a missing secret at construction', () => {
    expect(() => aspnet({ secret: '' })).toThrow(/empty/);
  });
});
