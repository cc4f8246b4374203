import { createHmac } from 'node:crypto';
import { hmacHex } from '@hookwire/core';
import { webhookErrorOf } from '@hookwire/core/testing';
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
const signed = (overrides: Partial<Parameters<typeof signIntercomRequest>[0]> = {}) =>
  signIntercomRequest({ secret, body, ...overrides });

describe('intercom receiver', () => {
  it('accepts sha1=<hex HMAC-SHA1 of the raw body> and names the event by topic', async () => {
    const request = signed();
    expect(request.headers['x-hub-signature']).toBe(
      `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
    );
    const result = await intercom({ secret }).receive(request);
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('user.created');
    expect(result.event.id).toBe('notif_78c122d0-23ba-11e4-9464-79b01267cc2e');
    expect(result.event.meta.appId).toBe('a86dr8yl');
    expect(result.event.payload).toEqual(JSON.parse(body));
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

  it('rejects a tampered body and a wrong secret without leaking either', async () => {
    const tampered = { ...signed(), body: Buffer.from(body.replace('Hoban', 'Zoe')) };
    expect((await webhookErrorOf(intercom({ secret }).receive(tampered))).code).toBe('signature_mismatch');
    const response = await intercom({ secret }).handle(signed({ secret: 'wrong' }));
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(hmacHex('sha1', secret, body));
    expect(String(response.body)).not.toContain(secret);
  });

  it('accepts any secret of a rotation', async () => {
    expect((await intercom({ secret: ['next', secret] }).receive(signed())).type).toBe('event');
  });

  it('requires X-Hub-Signature once, with the sha1= prefix and hex', async () => {
    const request = signed();
    const { 'x-hub-signature': signature, ...headers } = request.headers;
    const receive = (h: typeof headers) =>
      webhookErrorOf(intercom({ secret }).receive({ ...request, headers: h }));
    expect((await receive(headers)).code).toBe('missing_header');
    expect(
      (await receive({ ...headers, 'x-hub-signature': [signature as string, signature as string] })).code,
    ).toBe('duplicate_header');
    const hex = (signature as string).slice(5);
    expect((await receive({ ...headers, 'x-hub-signature': hex })).code).toBe('malformed_signature');
    expect((await receive({ ...headers, 'x-hub-signature': `sha256=${hex}` })).code).toBe(
      'malformed_signature',
    );
    expect((await receive({ ...headers, 'x-hub-signature': 'sha1=xyz' })).code).toBe('malformed_signature');
  });

  it('reports a signed body without a topic or id', async () => {
    for (const bad of ['{', '{"id":"notif_1"}', '{"topic":"ping"}']) {
      expect((await webhookErrorOf(intercom({ secret }).receive(signed({ body: bad })))).code).toBe(
        'malformed_body',
      );
    }
  });
});
