import { createHmac } from 'node:crypto';
import { describeReceiver, eventOf, signerWith, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { intercom } from '@hookwire/intercom';
import { signIntercomRequest } from '@hookwire/intercom/testing';
import { describe, expect, it } from 'vitest';

const secret = 'intercom-client-secret';
// The example notification from Intercom's "Signed Notifications" page (its secret is not published).
const body = `{
  "type" : "notification_event",
  "id" : "notif_78c122d0-23ba-11e4-9464-79b01267cc2e",
  "topic" : "user.created",
  "app_id" : "a86dr8yl",
  "data" : {
    "type" : "notification_event_data",
    "item" : { "type" : "user", "id" : "530370b477ad7120001d", "user_id" : "25", "name" : "Hoban Washburne" }
  }
}`;
const signed = signerWith(signIntercomRequest, { secret, body });

describeReceiver({
  provider: 'intercom',
  create: intercom,
  sign: ({ secret, body }) => signed({ secret, body }),
  event: { name: 'user.created', id: 'notif_78c122d0-23ba-11e4-9464-79b01267cc2e' },
  signatureHeaders: ['X-Hub-Signature'],
  malformedSignature: { value: 'sha1=xyz' },
  deliveryId: true,
  malformedBodies: ['{', '{"id":"notif_1"}', '{"topic":"ping"}'],
});

describe('intercom receiver', () => {
  it('accepts sha1=<hex HMAC-SHA1 of the raw body> and names the event by topic', async () => {
    const request = signed();
    expect(request.headers['x-hub-signature']).toBe(
      `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    );
    const event = await eventOf(intercom({ secret }).receive(request));
    expect(event.name).toBe('user.created');
    expect(event.id).toBe('notif_78c122d0-23ba-11e4-9464-79b01267cc2e');
    expect(event.meta.appId).toBe('a86dr8yl');
    expect(event.payload).toEqual(JSON.parse(body));
  });

  it('answers the ping topic with 200', async () => {
    const receiver = intercom({ secret });
    const pings: string[] = [];
    receiver.on('ping', (event) => {
      pings.push(event.payload.data.item.message);
    });
    const request = signIntercomRequest({ secret, topic: 'ping', item: { type: 'ping', message: 'hi' } });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(pings).toEqual(['hi']);
  });

  it('requires the sha1= prefix on a hex signature', async () => {
    const request = signed();
    const hex = (request.headers['x-hub-signature'] as string).slice(5);
    for (const value of [hex, `sha256=${hex}`]) {
      const error = await webhookErrorOf(
        intercom({ secret }).receive(withHeaders(request, { 'x-hub-signature': value })),
      );
      expect(error.code).toBe('malformed_signature');
    }
  });
});
