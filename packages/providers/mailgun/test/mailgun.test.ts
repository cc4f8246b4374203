import { createMemoryDedupeStore, createWebhookRequest, type DedupeStore, hmacHex } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withBody } from '@hookwire/core/testing';
import { mailgun } from '@hookwire/mailgun';
import { signMailgunRequest } from '@hookwire/mailgun/testing';
import { describe, expect, it } from 'vitest';

// Published vector: mailgun-php's webhook test (key, timestamp, token and expected signature).
const vector = {
  key: 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
  timestamp: '1403645220',
  token: '5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6',
  signature: '9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33',
};
const now = () => Number(vector.timestamp) * 1000;
const eventData = {
  id: 'CPgfbmQMTCKtHW6uIWtuVe',
  event: 'delivered',
  timestamp: 1403645220.5,
  recipient: 'alice@example.com',
};
const vectorBody = (signature: Record<string, unknown> = {}) =>
  JSON.stringify({
    signature: {
      timestamp: vector.timestamp,
      token: vector.token,
      signature: vector.signature,
      ...signature,
    },
    'event-data': eventData,
  });
const jsonRequest = (body: string) =>
  createWebhookRequest({ body, headers: { 'content-type': 'application/json' } });
const receiver = (options: Partial<Parameters<typeof mailgun>[0]> = {}) =>
  mailgun({ secret: vector.key, now, ...options });

describeReceiver({
  provider: 'mailgun',
  create: mailgun,
  sign: ({ secret, timestamp }) => signMailgunRequest({ secret, timestamp, eventData }),
  event: { name: 'delivered', id: 'CPgfbmQMTCKtHW6uIWtuVe' },
  // Mailgun signs the timestamp and token in the body, not the event data.
  tamper: (request) => {
    const body = JSON.parse(Buffer.from(request.body).toString());
    return withBody(request, JSON.stringify({ ...body, signature: { ...body.signature, token: 'changed' } }));
  },
  timestamp: { tolerance: 300 },
});

describe('mailgun receiver', () => {
  it('verifies the mailgun-php published vector and reads event-data', async () => {
    const event = await eventOf(receiver().receive(jsonRequest(vectorBody())));
    expect(event.name).toBe('delivered');
    expect(event.id).toBe('CPgfbmQMTCKtHW6uIWtuVe');
    expect(event.payload).toEqual(eventData);
    expect(event.meta).toEqual({ timestamp: 1403645220000, token: vector.token });
  });

  it('verifies the same vector as legacy form fields and as multipart, naming form posts by `event` or inbound', async () => {
    const { signature, timestamp, token } = vector;
    const form = createWebhookRequest({
      body: new URLSearchParams({
        event: 'opened',
        recipient: 'a@example.com',
        timestamp,
        token,
        signature,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const opened = await receiver().receive(form);
    expect(opened.type === 'event' && [opened.event.name, opened.event.id, opened.event.payload]).toEqual([
      'opened',
      undefined,
      { event: 'opened', recipient: 'a@example.com', timestamp, token, signature },
    ]);
    const multipart = new FormData();
    for (const [name, value] of Object.entries({
      sender: 'bob@example.com',
      subject: 'Hi',
      timestamp,
      token,
      signature,
    })) {
      multipart.append(name, value);
    }
    multipart.append('attachment-1', new Blob(['hello']), 'a.txt');
    const encoded = new Response(multipart);
    const routed = createWebhookRequest({
      body: new Uint8Array(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    const inbound = await receiver().receive(routed);
    expect(inbound.type === 'event' && inbound.event.name).toBe('inbound');
    if (inbound.type !== 'event') return;
    const payload = inbound.event.payload as Record<string, unknown>;
    expect(payload.subject).toBe('Hi');
    expect(await (payload['attachment-1'] as Blob).text()).toBe('hello');
  });

  it('rejects a changed token or timestamp, and a wrong key, without leaking the expected signature', async () => {
    const changedToken = vectorBody({ token: 'owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr' });
    expect(await errorCodeOf(receiver().receive(jsonRequest(changedToken)))).toBe('signature_mismatch');
    const changedTime = vectorBody({ timestamp: '1403645221' });
    expect(await errorCodeOf(receiver().receive(jsonRequest(changedTime)))).toBe('signature_mismatch');
    const response = await mailgun({ secret: 'key-other', now }).handle(jsonRequest(vectorBody()));
    expect(String(response.body)).not.toContain(vector.signature);
  });

  it('does not authenticate event-data: a changed event with the same signature still verifies', async () => {
    // Mailgun MACs only timestamp ‖ token, so this is expected behaviour, documented in the README.
    const body = vectorBody().replace('alice@example.com', 'mallory@example.com');
    expect((await receiver().receive(jsonRequest(body))).type).toBe('event');
  });

  it('honours a configured tolerance', async () => {
    const at = (offset: number) =>
      signMailgunRequest({ secret: vector.key, timestamp: Number(vector.timestamp) + offset, eventData });
    expect((await receiver({ tolerance: 3600 }).receive(at(-3000))).type).toBe('event');
  });

  it('refuses a replayed token, through the default store or an injected one, unless turned off', async () => {
    const once = receiver();
    expect((await once.receive(jsonRequest(vectorBody()))).type).toBe('event');
    const replay = await webhookErrorOf(once.receive(jsonRequest(vectorBody())));
    expect([replay.code, replay.status]).toEqual(['replayed', 401]);
    const keys: string[] = [];
    const memory = createMemoryDedupeStore({ now });
    const shared: DedupeStore = {
      has: async (key) => memory.has(key),
      add: async (key, ttl) => {
        keys.push(`${key}:${ttl}`);
        memory.add(key, ttl);
      },
    };
    expect((await receiver({ replayStore: shared }).receive(jsonRequest(vectorBody()))).type).toBe('event');
    expect(
      (await webhookErrorOf(receiver({ replayStore: shared }).receive(jsonRequest(vectorBody())))).code,
    ).toBe('replayed');
    expect(keys).toEqual([`mailgun-token:${vector.token}:600000`]);
    const off = receiver({ replayStore: false });
    expect((await off.receive(jsonRequest(vectorBody()))).type).toBe('event');
    expect((await off.receive(jsonRequest(vectorBody()))).type).toBe('event');
  });

  it('does not remember the token of a request that failed verification', async () => {
    const store = receiver();
    const stale = signMailgunRequest({ secret: vector.key, timestamp: 1, token: vector.token, eventData });
    expect(await errorCodeOf(store.receive(stale))).toBe('timestamp_too_old');
    expect((await store.receive(jsonRequest(vectorBody()))).type).toBe('event');
  });

  it('accepts a subaccount webhook through its parent-signature', async () => {
    const parentKey = 'key-parent-account';
    const parent = hmacHex('sha256', parentKey, vector.timestamp, vector.token);
    const subaccount = vectorBody({
      signature: hmacHex('sha256', 'key-subaccount', vector.timestamp, vector.token),
      'parent-signature': parent,
    });
    expect((await mailgun({ secret: parentKey, now }).receive(jsonRequest(subaccount))).type).toBe('event');
  });

  it('rejects a missing or malformed signature object', async () => {
    const bodies = [
      JSON.stringify({ 'event-data': eventData }),
      vectorBody({ signature: undefined }),
      vectorBody({ token: '' }),
      vectorBody({ signature: 'zz' }),
    ];
    for (const body of bodies) {
      expect(await errorCodeOf(receiver().receive(jsonRequest(body)))).toBe('malformed_signature');
    }
    expect(
      (await webhookErrorOf(receiver().receive(jsonRequest(vectorBody({ timestamp: 'yesterday' }))))).code,
    ).toBe('malformed_header');
  });

  it('reports a malformed body', async () => {
    for (const body of ['{', '[]']) {
      expect(await errorCodeOf(receiver().receive(jsonRequest(body)))).toBe('malformed_body');
    }
    const noEvent = JSON.stringify({
      signature: { timestamp: vector.timestamp, token: vector.token, signature: vector.signature },
      'event-data': { id: 'x' },
    });
    expect(await errorCodeOf(receiver().receive(jsonRequest(noEvent)))).toBe('malformed_body');
  });
});
