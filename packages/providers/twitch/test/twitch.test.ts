import { createHmac } from 'node:crypto';
import { describeReceiver, errorCodeOf, eventOf, eventsOf, withHeaders } from '@hookwire/core/testing';
import { twitch } from '@hookwire/twitch';
import { signTwitchRequest } from '@hookwire/twitch/testing';
import { describe, expect, it } from 'vitest';

const secret = 'this-is-my-eventsub-secret';
const now = Date.parse('2024-05-01T12:00:00.000Z');
const follow = {
  user_id: '1234',
  user_login: 'cool_user',
  user_name: 'Cool_User',
  broadcaster_user_id: '1337',
  broadcaster_user_login: 'cooler_user',
  broadcaster_user_name: 'Cooler_User',
  followed_at: '2024-05-01T11:59:59.123456789Z',
};

function receiver(options: Partial<Parameters<typeof twitch>[0]> = {}) {
  return twitch({ secret, now: () => now, ...options });
}

function at(offsetSeconds: number): Date {
  return new Date(now + offsetSeconds * 1000);
}

const challenge = 'pogchamp-kappa-360noscope-vohiyo';
describeReceiver({
  provider: 'twitch',
  create: twitch,
  sign: ({ secret, timestamp }) =>
    signTwitchRequest({
      secret,
      subscriptionType: 'channel.follow',
      event: follow,
      messageId: 'm-1',
      timestamp: new Date(timestamp * 1000),
    }),
  event: { name: 'channel.follow', id: 'm-1' },
  signatureHeaders: [
    'Twitch-Eventsub-Message-Signature',
    'Twitch-Eventsub-Message-Id',
    'Twitch-Eventsub-Message-Timestamp',
    'Twitch-Eventsub-Message-Type',
  ],
  malformedSignature: { value: 'sha256=xyz' },
  timestamp: { tolerance: 600 },
  handshakes: [
    {
      name: 'callback verification',
      request: ({ secret, timestamp }) =>
        signTwitchRequest({
          secret,
          messageType: 'webhook_callback_verification',
          subscriptionType: 'channel.follow',
          challenge,
          timestamp: new Date(timestamp * 1000),
        }),
      response: { status: 200, body: challenge },
    },
  ],
  deliveryId: true,
});

describe('twitch receiver', () => {
  it('verifies HMAC-SHA256 of message id, timestamp and body, with a nanosecond RFC 3339 timestamp', async () => {
    const body = JSON.stringify({ subscription: { type: 'channel.follow', version: '2' }, event: follow });
    const id = 'e76c6bd4-55c9-4987-8304-da1588d8988b';
    const timestamp = '2024-05-01T11:59:30.634234626Z';
    const signature = `sha256=${createHmac('sha256', secret)
      .update(id + timestamp + body)
      .digest('hex')}`;
    const request = signTwitchRequest({
      secret,
      subscriptionType: 'channel.follow',
      body,
      messageId: id,
      timestamp,
    });
    expect(request.headers['twitch-eventsub-message-signature']).toBe(signature);
    const event = await eventOf(receiver().receive(request));
    expect(event.name).toBe('channel.follow');
    expect(event.id).toBe(id);
    expect(event.payload).toEqual(JSON.parse(body));
    expect(event.meta).toMatchObject({ messageType: 'notification', retry: 0, timestamp });
  });

  it('answers the callback verification as text/plain, only after verifying it', async () => {
    const request = signTwitchRequest({
      secret,
      messageType: 'webhook_callback_verification',
      subscriptionType: 'channel.follow',
      challenge,
      timestamp: at(0),
    });
    expect((await receiver().handle(request)).headers?.['content-type']).toMatch(/^text\/plain/);
    const forged = signTwitchRequest({
      secret: 'someone-elses-secret',
      messageType: 'webhook_callback_verification',
      subscriptionType: 'channel.follow',
      challenge,
      timestamp: at(0),
    });
    const refused = await receiver().handle(forged);
    expect(refused.status).toBe(401);
    expect(String(refused.body)).not.toContain(challenge);
  });

  it('names revocations `revocation` with the subscription and its reason', async () => {
    const request = signTwitchRequest({
      secret,
      messageType: 'revocation',
      subscriptionType: 'stream.online',
      timestamp: at(0),
    });
    const event = await eventOf(receiver().receive(request));
    expect(event.name).toBe('revocation');
    expect(event.meta.subscriptionType).toBe('stream.online');
    expect((event.payload as { subscription: { status: string } }).subscription.status).toBe(
      'authorization_revoked',
    );
  });

  it('routes typed handlers and reads the retry count', async () => {
    const names: string[] = [];
    const r = receiver();
    r.on('channel.follow', (event) => {
      names.push(event.payload.event.user_login);
    });
    const request = signTwitchRequest({
      secret,
      subscriptionType: 'channel.follow',
      event: follow,
      timestamp: at(-5),
      retry: 2,
    });
    expect((await r.handle(request)).status).toBe(200);
    expect(names).toEqual(['cool_user']);
    const result = await r.receive(request);
    expect(result.type === 'event' && result.event.meta.retry).toBe(2);
  });

  it('yields one event per element of a batched notification', async () => {
    const body = JSON.stringify({
      subscription: { type: 'drop.entitlement.grant' },
      events: [{ id: 'a' }, { id: 'b' }],
    });
    const request = signTwitchRequest({
      secret,
      subscriptionType: 'drop.entitlement.grant',
      body,
      messageId: 'm',
      timestamp: at(0),
    });
    const events = await eventsOf(receiver().receive(request));
    expect(events.map((event) => [event.name, event.id])).toEqual([
      ['drop.entitlement.grant', 'm:0'],
      ['drop.entitlement.grant', 'm:1'],
    ]);
  });

  it('honours a configured tolerance', async () => {
    const sign = (offset: number) =>
      signTwitchRequest({ secret, subscriptionType: 'channel.follow', event: follow, timestamp: at(offset) });
    expect(await errorCodeOf(receiver({ tolerance: 60 }).receive(sign(-61)))).toBe('timestamp_too_old');
  });

  it('rejects a changed message id (it is signed)', async () => {
    const request = signTwitchRequest({
      secret,
      subscriptionType: 'channel.follow',
      event: follow,
      timestamp: at(0),
    });
    const renamed = withHeaders(request, { 'twitch-eventsub-message-id': 'another-id' });
    expect(await errorCodeOf(receiver().receive(renamed))).toBe('signature_mismatch');
  });

  it('requires the sha256= prefix, an RFC 3339 timestamp and a known message type', async () => {
    const request = signTwitchRequest({
      secret,
      subscriptionType: 'channel.follow',
      event: follow,
      timestamp: at(0),
    });
    const signature = request.headers['twitch-eventsub-message-signature'] as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'twitch-eventsub-message-signature': signature.slice('sha256='.length) }, 'malformed_signature'],
      [{ 'twitch-eventsub-message-timestamp': '1714564800' }, 'malformed_header'],
      [{ 'twitch-eventsub-message-type': 'gossip' }, 'malformed_header'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(receiver().receive(withHeaders(request, headers)))).toBe(code);
    }
  });

  it('reports a malformed body and refuses secrets Twitch would not accept', async () => {
    const request = signTwitchRequest({
      secret,
      subscriptionType: 'channel.follow',
      body: '{"event":',
      timestamp: at(0),
    });
    expect(await errorCodeOf(receiver().receive(request))).toBe('malformed_body');
    expect(() => twitch({ secret: 'short' })).toThrow(/10 to 100/);
    expect(() => twitch({ secret: 'x'.repeat(101) })).toThrow(/10 to 100/);
  });
});
