import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventsOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { okta } from '@hookwire/okta';
import { createOktaRequest, createOktaVerificationRequest } from '@hookwire/okta/testing';
import { describe, expect, it } from 'vitest';
import delivery from './fixtures/event-hook.json' with { type: 'json' };

const secret = 'my-shared-secret-3c9f1d2e7a8b4c5d';

const challenge = 'Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg';
describeReceiver({
  provider: 'okta',
  create: okta,
  sign: ({ secret, body = JSON.stringify(delivery) }) => createOktaRequest({ secret, body }),
  credential: 'token',
  event: { name: 'user.lifecycle.create', id: '4876e6fc-42ad-11ed-b1b2-41b8fb2d8a3e' },
  signatureHeaders: ['Authorization'],
  handshakes: [
    {
      name: 'one-time verification',
      request: ({ secret }) => createOktaVerificationRequest({ secret, challenge }),
      response: { status: 200, body: JSON.stringify({ verification: challenge }) },
    },
  ],
  deliveryId: true,
  malformedBodies: ['{"data":', '{"data":{}}', '{"data":{"events":[{"uuid":"1"}]}}'],
});

describe('okta receiver', () => {
  it("answers the one-time verification request as Okta's example shows", async () => {
    // The request in Okta's "Unable to verify event hook" support article.
    const request = createWebhookRequest({
      method: 'GET',
      url: 'https://example.com/event-hook/',
      headers: {
        'User-Agent': 'Okta-Integrations',
        Accept: 'application/json',
        'X-Okta-Request-Id': 'XOZfPkReFFZ10KWyGkzAMwAAADA',
        'X-Okta-Verification-Challenge': 'Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg',
        'x-any-key': 'my-header-value',
        Authorization: 'my-shared-secret',
      },
    });
    const response = await okta({ secret: 'my-shared-secret' }).handle(request);
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(response.body).toBe('{"verification":"Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"}');
  });

  it('checks the authorization header on the verification request too', async () => {
    const wrong = createOktaVerificationRequest({ secret: 'guess' });
    const response = await okta({ secret }).handle(wrong);
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain('verification');
    const { authorization: _, ...headers } = createOktaVerificationRequest({ secret }).headers;
    const missing = { ...createOktaVerificationRequest({ secret }), headers };
    expect(await errorCodeOf(okta({ secret }).receive(missing))).toBe('missing_header');
  });

  it('requires the challenge header on GET', async () => {
    const request = withHeaders(createOktaVerificationRequest({ secret }), {
      'x-okta-verification-challenge': undefined,
    });
    expect(await errorCodeOf(okta({ secret }).receive(request))).toBe('missing_header');
  });

  it('turns each item of data.events into an event named by eventType', async () => {
    const request = createOktaRequest({ secret, body: JSON.stringify(delivery) });
    const events = await eventsOf(okta({ secret }).receive(request));
    expect(events.map((event) => event.name)).toEqual(['user.lifecycle.create', 'group.user_membership.add']);
    expect(events[0]).toMatchObject({
      provider: 'okta',
      id: '4876e6fc-42ad-11ed-b1b2-41b8fb2d8a3e',
      payload: delivery.data.events[0],
      meta: { deliveryId: delivery.eventId, eventTime: delivery.eventTime, source: delivery.source },
    });
  });

  it('answers deliveries with an empty 200 once handlers ran', async () => {
    const receiver = okta({ secret });
    const created: string[] = [];
    receiver.on('user.lifecycle.create', (event) => {
      created.push(event.payload.target?.[0]?.alternateId ?? '');
    });
    expect(await receiver.handle(createOktaRequest({ secret, body: JSON.stringify(delivery) }))).toEqual({
      status: 200,
    });
    expect(created).toEqual(['jane@example.com']);
  });

  it('refuses a value of the same length, or with a trailing space', async () => {
    for (const value of [secret.replace(/.$/, '0'), `${secret} `]) {
      const request = createOktaRequest({ secret: value });
      const error = await webhookErrorOf(okta({ secret }).receive(request));
      expect(error.code).toBe('unauthorized');
      const response = await okta({ secret }).handle(request);
      expect(response.status).toBe(401);
      expect(String(response.body)).not.toContain(secret);
    }
  });

  it('takes the value from a custom header name', async () => {
    const custom = okta({ secret, headerName: 'X-Hook-Key' });
    expect((await custom.receive(createOktaRequest({ secret, headerName: 'x-hook-key' }))).type).toBe(
      'event',
    );
    expect(await errorCodeOf(custom.receive(createOktaRequest({ secret })))).toBe('missing_header');
  });

  it('names GET and POST in the Allow header of a 405', async () => {
    const response = await okta({ secret }).handle({ ...createOktaRequest({ secret }), method: 'PUT' });
    expect(response.headers?.allow).toBe('POST, GET');
  });

  it('checks its options at construction', () => {
    expect(() => okta({ secret: '' })).toThrow(/empty/);
    expect(() => okta({ secret, headerName: 'bad header' })).toThrow(/headerName/);
  });
});
