import { createHmac } from 'node:crypto';
import { describeReceiver, errorCodeOf, eventOf, withHeaders } from '@hookwire/core/testing';
import { zoom } from '@hookwire/zoom';
import { signZoomRequest, signZoomUrlValidation } from '@hookwire/zoom/testing';
import { describe, expect, it } from 'vitest';

const secret = 'zoom-secret-token';
const now = 1_689_061_099_652;
const timestamp = Math.floor(now / 1000);
const started = {
  account_id: 'AAAAAABBBB',
  object: {
    id: '1234567890',
    uuid: '4444AAAiAAAAAiAiAiiAii==',
    host_id: 'x1yCzABCDEfg',
    topic: 'Standup',
    type: 2,
  },
};

function receiver(options: Partial<Parameters<typeof zoom>[0]> = {}) {
  return zoom({ secret, now: () => now, ...options });
}

const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
describeReceiver({
  provider: 'zoom',
  create: zoom,
  sign: ({ secret, timestamp, body }) =>
    signZoomRequest({ secret, event: 'meeting.started', payload: started, body, timestamp }),
  secrets: [secret, 'next-secret'],
  event: { name: 'meeting.started' },
  signatureHeaders: ['X-Zm-Signature', 'X-Zm-Request-Timestamp'],
  malformedSignature: { value: 'v0=nothex' },
  timestamp: { tolerance: 300 },
  malformedBodies: ['{"payload":{}}', 'event=x'],
  handshakes: [
    {
      name: 'endpoint.url_validation',
      request: ({ secret, timestamp }) => signZoomUrlValidation({ secret, plainToken, timestamp }),
      response: {
        status: 200,
        body: JSON.stringify({
          plainToken,
          encryptedToken: createHmac('sha256', secret).update(plainToken).digest('hex'),
        }),
      },
    },
  ],
  deliveryId: true,
});

describe('zoom receiver', () => {
  it("verifies v0=HMAC-SHA256('v0:' + timestamp + ':' + body), computed as Zoom's sample does", async () => {
    const body = JSON.stringify({ event: 'meeting.started', event_ts: now, payload: started });
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const request = signZoomRequest({ secret, body, timestamp });
    expect(request.headers['x-zm-signature']).toBe(expected);
    const event = await eventOf(receiver().receive(request));
    expect(event.name).toBe('meeting.started');
    expect(event.id).toBe(`meeting.started:${now}:4444AAAiAAAAAiAiAiiAii==`);
    expect(event.meta).toMatchObject({ eventTs: now, accountId: 'AAAAAABBBB' });
    expect(event.meta.trackingId).toEqual(expect.stringContaining('rid='));
  });

  it('answers endpoint.url_validation only once the request is verified', async () => {
    const forged = await receiver().handle(signZoomUrlValidation({ secret: 'guess', plainToken, timestamp }));
    expect(forged.status).toBe(401);
    expect(String(forged.body)).not.toContain(createHmac('sha256', secret).update(plainToken).digest('hex'));
  });

  it('hashes the validation token with the secret that signed it during a rotation', async () => {
    const plainToken = 'abc123';
    const response = await receiver({ secret: [secret, 'next-secret'] }).handle(
      signZoomUrlValidation({ secret: 'next-secret', plainToken, timestamp }),
    );
    expect(JSON.parse(String(response.body)).encryptedToken).toBe(
      createHmac('sha256', 'next-secret').update(plainToken).digest('hex'),
    );
  });

  it('rejects a changed timestamp (it is signed)', async () => {
    const request = signZoomRequest({ secret, event: 'meeting.started', payload: started, timestamp });
    const shifted = withHeaders(request, { 'x-zm-request-timestamp': String(timestamp - 1) });
    expect(await errorCodeOf(receiver().receive(shifted))).toBe('signature_mismatch');
  });

  it('honours a custom tolerance', async () => {
    const sign = (offset: number) =>
      signZoomRequest({ secret, event: 'meeting.ended', timestamp: timestamp + offset });
    expect((await receiver({ tolerance: 900 }).receive(sign(-800))).type).toBe('event');
  });

  it('requires the v0= prefix and a timestamp in seconds', async () => {
    const request = signZoomRequest({ secret, event: 'meeting.started', payload: started, timestamp });
    const signature = request.headers['x-zm-signature'] as string;
    const cases: [Record<string, string | string[] | undefined>, string][] = [
      [{ 'x-zm-signature': signature.slice(3) }, 'malformed_signature'],
      [{ 'x-zm-request-timestamp': String(now) }, 'malformed_header'],
    ];
    for (const [headers, code] of cases) {
      expect(await errorCodeOf(receiver().receive(withHeaders(request, headers)))).toBe(code);
    }
  });

  it('reports a validation request without a token', async () => {
    const noToken = signZoomRequest({ secret, event: 'endpoint.url_validation', payload: {}, timestamp });
    expect(await errorCodeOf(receiver().receive(noToken))).toBe('malformed_body');
  });
});
