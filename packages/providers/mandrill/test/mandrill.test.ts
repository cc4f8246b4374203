import { createHmac } from 'node:crypto';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, eventsOf, webhookErrorOf } from '@hookwire/core/testing';
import { mandrill } from '@hookwire/mandrill';
import { signMandrillRequest } from '@hookwire/mandrill/testing';
import { describe, expect, it } from 'vitest';
import message from './fixtures/message.json' with { type: 'json' };

const secret = 'wH7kq2LxN9pR4tVz8bYc1A';
const url = 'https://example.com/webhooks/mandrill';
const send = { event: 'send', _id: message._id, ts: 1365109999, msg: message };
const open = { event: 'open', _id: message._id, ts: 1365111111, msg: message, ip: '127.0.0.1' };
const click = { event: 'click', _id: message._id, ts: 1365111112, msg: message, url: 'https://mandrill.com' };
const blacklist = {
  type: 'blacklist',
  action: 'add',
  ts: 1365111113,
  reject: { email: 'x@example.com', reason: 'hard-bounce' },
};

/** Mandrill's documented recipe, written out by hand: URL, then sorted name ‖ value, HMAC-SHA1, base64. */
function referenceSignature(key: string, signedUrl: string, fields: Record<string, string>): string {
  let data = signedUrl;
  for (const name of Object.keys(fields).sort()) data += name + fields[name];
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

describeReceiver({
  provider: 'mandrill',
  create: mandrill,
  sign: ({ secret }) => signMandrillRequest({ secret, url, events: [send] }),
  event: { name: 'send', id: `${message._id}:send:1365109999` },
  signatureHeaders: ['X-Mandrill-Signature'],
  malformedSignature: { value: '!!' },
  handshakes: [
    {
      name: 'HEAD check',
      request: () => createWebhookRequest({ method: 'HEAD', url }),
      response: { status: 200 },
    },
  ],
  deliveryId: true,
});

describe('mandrill receiver', () => {
  it('verifies a request signed by the documented recipe, computed independently', async () => {
    const json = JSON.stringify([send]);
    const body = `mandrill_events=${encodeURIComponent(json)}`;
    const request = createWebhookRequest({
      url,
      body,
      headers: { 'x-mandrill-signature': referenceSignature(secret, url, { mandrill_events: json }) },
    });
    const event = await eventOf(mandrill({ secret }).receive(request));
    expect(event).toMatchObject({
      provider: 'mandrill',
      name: 'send',
      id: `${message._id}:send:1365109999`,
      payload: send,
      meta: { messageId: message._id, ts: 1365109999 },
    });
  });

  it('sorts every POST field by name, with URL-decoded values', async () => {
    const fields = { mandrill_events: JSON.stringify([open]), a_first: 'x y&z' };
    const request = signMandrillRequest({ secret, url, fields });
    expect(request.headers['x-mandrill-signature']).toBe(referenceSignature(secret, url, fields));
    expect((await mandrill({ secret }).receive(request)).type).toBe('event');
  });

  it('gives each event of a batch its name and its own id', async () => {
    const request = signMandrillRequest({ secret, url, events: [send, open, click, blacklist] });
    const events = await eventsOf(mandrill({ secret }).receive(request));
    expect(events.map((event) => event.name)).toEqual(['send', 'open', 'click', 'blacklist']);
    const ids = events.map((event) => event.id);
    expect(new Set(ids.slice(0, 3)).size).toBe(3);
    expect(ids[3]).toBeUndefined();
  });

  it('answers 200 to an empty batch without running handlers', async () => {
    const receiver = mandrill({ secret });
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    expect((await receiver.handle(signMandrillRequest({ secret, url, events: [] }))).status).toBe(200);
    expect(calls).toBe(0);
  });

  it('signs over publicUrl when a proxy changes the URL the server sees', async () => {
    const request = {
      ...signMandrillRequest({ secret, url, events: [send] }),
      url: 'http://10.0.0.5:3000/webhooks/mandrill',
    };
    expect(await errorCodeOf(mandrill({ secret }).receive(request))).toBe('signature_mismatch');
    expect((await mandrill({ secret, publicUrl: url }).receive(request)).type).toBe('event');
  });

  it('includes the query string of the registered URL', async () => {
    const registered = `${url}?tenant=acme`;
    const request = signMandrillRequest({ secret, url: registered, events: [send] });
    expect((await mandrill({ secret }).receive(request)).type).toBe('event');
    // A base publicUrl keeps the request's query; a function returning another URL does not verify.
    expect((await mandrill({ secret, publicUrl: 'https://example.com' }).receive(request)).type).toBe(
      'event',
    );
    expect(await errorCodeOf(mandrill({ secret, publicUrl: () => url }).receive(request))).toBe(
      'signature_mismatch',
    );
  });

  it('reports signed bodies that are not event batches', async () => {
    const batches: Record<string, string>[] = [
      { other: '1' },
      { mandrill_events: '[{' },
      { mandrill_events: '{"event":"send"}' },
      { mandrill_events: '[{"_id":"x"}]' },
    ];
    for (const fields of batches) {
      const error = await webhookErrorOf(
        mandrill({ secret }).receive(signMandrillRequest({ secret, url, fields })),
      );
      expect(error.code).toBe('malformed_body');
    }
  });

  it('runs handlers by event name', async () => {
    const receiver = mandrill({ secret });
    const opened: string[] = [];
    receiver.on('open', (event) => {
      opened.push(event.payload.msg.email);
    });
    await receiver.handle(signMandrillRequest({ secret, url, events: [send, open] }));
    expect(opened).toEqual([message.email]);
  });
});
