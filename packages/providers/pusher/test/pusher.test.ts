import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventsOf, webhookErrorOf } from '@hookwire/core/testing';
import { pusher } from '@hookwire/pusher';
import { signPusherRequest } from '@hookwire/pusher/testing';
import Pusher from 'pusher';
import { describe, expect, it } from 'vitest';

const key = '278d425bdf160c739803';
const secret = '7ad3773142a6692b25b8';
const timeMs = 1_730_000_000_000;
const now = () => timeMs + 2_000;
const events = [
  { name: 'channel_occupied', channel: 'presence-room' },
  { name: 'member_added', channel: 'presence-room', user_id: 'u1' },
  {
    name: 'client_event',
    channel: 'private-chat',
    event: 'client-typing',
    data: '{"who":"u1"}',
    socket_id: '123.456',
  },
];

describeReceiver({
  provider: 'pusher',
  create: ({ secret, ...options }) => pusher({ apps: { [key]: secret }, ...options }),
  sign: ({ secret, timestamp, body }) =>
    signPusherRequest({ key, secret, events, timeMs: timestamp * 1000, body }),
  event: { name: 'channel_occupied' },
  signatureHeaders: ['X-Pusher-Key', 'X-Pusher-Signature'],
  malformedSignature: { header: 'X-Pusher-Signature', value: 'sha256=nothex' },
  now: timeMs / 1000,
  timestamp: { tolerance: 600 },
  malformedBodies: [
    'not json',
    '{"time_ms":1730000000000}',
    '{"events":[]}',
    `{"time_ms":"${timeMs}","events":[]}`,
    `{"time_ms":${timeMs},"events":[{"channel":"x"}]}`,
    `{"time_ms":${timeMs},"events":[1]}`,
  ],
});

describe('pusher receiver', () => {
  it("verifies pusher-http-node's published test webhook (key 123456789, secrets beef and tofu)", async () => {
    const body = '{"time_ms":1403175510755,"events":[{"channel":"test_channel","name":"channel_vacated"}]}';
    const pinned = () => 1403175510755 + 1000;
    for (const [appSecret, signature] of [
      ['beef', 'df1465f5ff93f83238152fd002cb904f9562d39569e68f00a6bfa0d8ccf88334'],
      ['tofu', 'c17257e92037cd7de407ebc1ed174ceb7b2e518db127f44411b9ffc4f5b28cc5'],
    ] as const) {
      const request = createWebhookRequest({
        body,
        headers: {
          'content-type': 'application/json',
          'x-pusher-key': '123456789',
          'x-pusher-signature': signature,
        },
      });
      const result = await pusher({ apps: { '123456789': appSecret }, now: pinned }).receive(request);
      expect(result.type === 'event' && result.event.name).toBe('channel_vacated');
    }
  });

  it('agrees with the official pusher SDK on requests signed by our test signer', () => {
    const request = signPusherRequest({ key, secret, events, timeMs });
    const sdk = new Pusher({ appId: '1', key, secret, cluster: 'mt1' });
    const rawBody = Buffer.from(request.body).toString('utf8');
    expect(sdk.webhook({ headers: request.headers as Record<string, string>, rawBody }).isValid()).toBe(true);
    const other = new Pusher({ appId: '1', key, secret: 'different-secret', cluster: 'mt1' });
    expect(other.webhook({ headers: request.headers as Record<string, string>, rawBody }).isValid()).toBe(
      false,
    );
  });

  it('emits every element of events as its own event, in order, with the app key and time in meta', async () => {
    const received = await eventsOf(
      pusher({ apps: { [key]: secret }, now }).receive(signPusherRequest({ key, secret, events, timeMs })),
    );
    expect(received.map((event) => event.name)).toEqual(['channel_occupied', 'member_added', 'client_event']);
    expect(received[1]!.payload).toEqual(events[1]);
    expect(received[2]!.meta).toEqual({ appKey: key, timeMs });
    expect(received.every((event) => event.id === undefined && event.provider === 'pusher')).toBe(true);
  });

  it('runs the handlers of each event of a batch', async () => {
    const receiver = pusher({ apps: { [key]: secret }, now });
    const seen: string[] = [];
    receiver.on('member_added', (event) => {
      seen.push(`joined:${event.payload.user_id}`);
    });
    receiver.on('client_event', (event) => {
      seen.push(`client:${event.payload.event}`);
    });
    const response = await receiver.handle(signPusherRequest({ key, secret, events, timeMs }));
    expect(response.status).toBe(200);
    expect(seen).toEqual(['joined:u1', 'client:client-typing']);
  });

  it('answers 200 to a batch with no events', async () => {
    const response = await pusher({ apps: { [key]: secret }, now }).handle(
      signPusherRequest({ key, secret, events: [], timeMs }),
    );
    expect(response.status).toBe(200);
  });

  it('rejects an unknown app key with 401 before computing any MAC', async () => {
    const request = signPusherRequest({ key: 'unknown-key', secret, events, timeMs });
    const error = await webhookErrorOf(pusher({ apps: { [key]: secret }, now }).receive(request));
    expect(error.code).toBe('unauthorized');
    expect(error.status).toBe(401);
  });

  it("rejects a valid MAC made with another app's secret", async () => {
    const apps = { [key]: secret, 'second-app-key': 'second-app-secret' };
    const request = signPusherRequest({ key, secret: 'second-app-secret', events, timeMs });
    expect(await errorCodeOf(pusher({ apps, now }).receive(request))).toBe('signature_mismatch');
  });

  it('accepts several app keys at once', async () => {
    const receiver = pusher({ apps: { 'old-key': 'old-secret', [key]: secret }, now });
    for (const [k, s] of [
      ['old-key', 'old-secret'],
      [key, secret],
    ] as const) {
      expect((await receiver.receive(signPusherRequest({ key: k, secret: s, events, timeMs }))).type).toBe(
        'event',
      );
    }
  });

  it('accepts the last retry, 330 s late, and honours tolerance', async () => {
    const request = signPusherRequest({ key, secret, events, timeMs });
    const lastRetry = pusher({ apps: { [key]: secret }, now: () => timeMs + 330_000 });
    expect((await lastRetry.receive(request)).type).toBe('event');
    const strict = pusher({ apps: { [key]: secret }, now: () => timeMs + 61_000, tolerance: 60 });
    expect(await errorCodeOf(strict.receive(request))).toBe('timestamp_too_old');
  });

  it('checks the apps option at construction', () => {
    expect(() => pusher({ apps: {} })).toThrow(/at least one/);
    expect(() => pusher({} as never)).toThrow(/apps/);
    expect(() => pusher({ apps: { [key]: '' } })).toThrow(/empty/);
    expect(() => pusher({ apps: { ' k': secret } })).toThrow(/whitespace/);
  });
});
