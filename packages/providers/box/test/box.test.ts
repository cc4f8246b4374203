import { box } from '@hookwire/box';
import { signBoxRequest } from '@hookwire/box/testing';
import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf, withHeaders } from '@hookwire/core/testing';
import { WebhooksManager } from 'box-node-sdk/managers';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The sample delivery in box-node-sdk's own tests, signed with 'SamplePrimaryKey' / 'SampleSecondaryKey'.
const SDK_BODY =
  '{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}';
const SDK_HEADERS = {
  'box-delivery-id': 'f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f',
  'box-delivery-timestamp': '2020-01-01T00:00:00-07:00',
  'box-signature-algorithm': 'HmacSHA256',
  'box-signature-primary': '6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=',
  'box-signature-secondary': 'v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=',
  'box-signature-version': '1',
};
const SDK_TIME = Date.parse('2020-01-01T07:00:00Z');
const primaryKey = 'SamplePrimaryKey';
const secondaryKey = 'SampleSecondaryKey';
const now = () => SDK_TIME + 60_000;
const payload = {
  type: 'webhook_event',
  id: 'eb0c4e06-751f-442c-86f8-fd5bb404dbec',
  created_at: '2020-01-01T00:00:00-07:00',
  trigger: 'FILE.UPLOADED',
  webhook: { id: '53', type: 'webhook' },
  created_by: { type: 'user', id: '226067247', name: 'John Q. Developer' },
  source: { id: '73835521473', type: 'file', name: 'Test.txt' },
};

function sign(overrides: Partial<Parameters<typeof signBoxRequest>[0]> = {}): WebhookRequest {
  return signBoxRequest({ primaryKey, secondaryKey, payload, timestamp: new Date(SDK_TIME), ...overrides });
}

const receiver = (options: Partial<Parameters<typeof box>[0]> = {}) =>
  box({ primaryKey, secondaryKey, now, ...options });

afterEach(() => {
  vi.useRealTimers();
});

describeReceiver({
  provider: 'box',
  create: ({ secret, ...options }) => box({ primaryKey: [secret].flat()[0]!, ...options }),
  sign: ({ secret, timestamp }) =>
    signBoxRequest({ primaryKey: secret, payload, timestamp: new Date(timestamp * 1000) }),
  event: { name: 'FILE.UPLOADED', id: payload.id },
  signatureHeaders: [
    'Box-Signature-Primary',
    'Box-Delivery-Timestamp',
    'Box-Signature-Version',
    'Box-Signature-Algorithm',
  ],
  malformedSignature: { value: '!!!' },
  timestamp: { tolerance: 600 },
  // Box rotates with two named keys (primary, secondary): tested below.
  rotation: false,
  deliveryId: true,
});

describe('box receiver', () => {
  it("accepts the sample delivery from box-node-sdk's tests", async () => {
    const request = createWebhookRequest({ body: SDK_BODY, headers: SDK_HEADERS });
    const event = await eventOf(receiver().receive(request));
    expect(event.name).toBe('FILE.UPLOADED');
    expect(event.payload).toEqual(JSON.parse(SDK_BODY));
    expect(event.meta.deliveryId).toBe('f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f');
    expect(event.meta.webhookId).toBe('1234567890');
    // Either key alone verifies the sample.
    expect((await box({ primaryKey, now }).receive(request)).type).toBe('event');
    expect((await box({ primaryKey: 'reset', secondaryKey, now }).receive(request)).type).toBe('event');
  });

  it('signs requests that the official SDK (WebhooksManager.validateMessage) accepts', async () => {
    vi.useFakeTimers({ now: SDK_TIME + 60_000, toFake: ['Date'] });
    const request = sign();
    const headers = Object.fromEntries(Object.entries(request.headers)) as Record<string, string>;
    const body = Buffer.from(request.body).toString('utf8');
    expect(await WebhooksManager.validateMessage(body, headers, primaryKey, { secondaryKey })).toBe(true);
    expect(await WebhooksManager.validateMessage(body, headers, 'wrong', { secondaryKey: 'wrong' })).toBe(
      false,
    );
  });

  it('names the event by trigger and uses the body id, which survives retries', async () => {
    const result = await receiver().receive(sign({ deliveryId: 'delivery-1' }));
    expect(result.type === 'event' && result.event).toMatchObject({
      provider: 'box',
      name: 'FILE.UPLOADED',
      id: payload.id,
      payload,
      meta: { deliveryId: 'delivery-1' },
    });
  });

  it('verifies the raw bytes, with Box-style \\u escapes and escaped slashes', async () => {
    const body = '{"trigger":"FILE.UPLOADED","source":{"type":"file","id":"1","name":"caf\\u00e9 \\/ x"}}';
    const result = await receiver().receive(sign({ body }));
    expect(result.type === 'event' && (result.event.payload as typeof payload).source.name).toBe('café / x');
  });

  it('accepts a delivery whose primary key was just reset, on the secondary signature', async () => {
    const request = sign({ primaryKey: 'new primary key not yet configured here' });
    expect((await receiver().receive(request)).type).toBe('event');
  });

  it('does not accept a primary signature checked against the secondary key', async () => {
    const swapped = sign({ primaryKey: secondaryKey, secondaryKey: primaryKey });
    expect(await errorCodeOf(receiver().receive(swapped))).toBe('signature_mismatch');
  });

  it('rejects a changed timestamp (it is signed)', async () => {
    const request = sign();
    const later = withHeaders(request, { 'box-delivery-timestamp': '2020-01-01T07:00:30Z' });
    expect(await errorCodeOf(receiver().receive(later))).toBe('signature_mismatch');
  });

  it('honours a configured tolerance', async () => {
    const nineMinutes = sign({ timestamp: new Date(SDK_TIME - 8 * 60_000) });
    expect((await receiver().receive(nineMinutes)).type).toBe('event');
    expect(await errorCodeOf(receiver({ tolerance: 60 }).receive(nineMinutes))).toBe('timestamp_too_old');
  });

  it('names each missing header, and requires at least one signature header', async () => {
    const request = sign();
    for (const name of ['box-delivery-timestamp', 'box-signature-version', 'box-signature-algorithm']) {
      const error = await webhookErrorOf(receiver().receive(withHeaders(request, { [name]: undefined })));
      expect(error.message.toLowerCase()).toContain(name);
    }
    const unsigned = withHeaders(request, {
      'box-signature-primary': undefined,
      'box-signature-secondary': undefined,
    });
    expect(await errorCodeOf(receiver().receive(unsigned))).toBe('missing_header');
  });

  it('refuses other signature versions and algorithms', async () => {
    const request = sign();
    for (const headers of [{ 'box-signature-version': '2' }, { 'box-signature-algorithm': 'HmacSHA1' }]) {
      expect(await errorCodeOf(receiver().receive(withHeaders(request, headers)))).toBe('malformed_header');
    }
  });

  it('rejects a malformed timestamp', async () => {
    for (const value of ['1577836800', '2020-01-01', 'yesterday']) {
      const request = sign({ timestamp: value });
      expect(await errorCodeOf(receiver().receive(request))).toBe('malformed_header');
    }
  });

  it('rejects signatures that are not base64', async () => {
    const request = withHeaders(sign(), { 'box-signature-primary': '!!!', 'box-signature-secondary': '%%' });
    expect(await errorCodeOf(receiver().receive(request))).toBe('malformed_signature');
    const oneGarbled = withHeaders(sign({ secondaryKey: 'x' }), { 'box-signature-primary': '!!!' });
    expect(await errorCodeOf(receiver().receive(oneGarbled))).toBe('signature_mismatch');
  });

  it('reports a signed body that is not JSON or has no trigger', async () => {
    expect(await errorCodeOf(receiver().receive(sign({ body: '{"trigger":' })))).toBe('malformed_body');
    expect(await errorCodeOf(receiver().receive(sign({ payload: { id: 'x' } })))).toBe('malformed_body');
  });

  it('runs handlers by trigger', async () => {
    const r = receiver();
    const seen: string[] = [];
    r.on('FILE.*', (event) => {
      seen.push(`${event.name}:${(event.payload as typeof payload).source.id}`);
    });
    expect((await r.handle(sign())).status).toBe(200);
    expect(seen).toEqual(['FILE.UPLOADED:73835521473']);
  });

  it('checks its keys at construction', () => {
    expect(() => box({ primaryKey: '' })).toThrow(/primaryKey/);
    expect(() => box({} as never)).toThrow(/primaryKey/);
    expect(() => box({ primaryKey: 'k\n' })).toThrow(/whitespace/);
    expect(() => box({ primaryKey: 'k', secondaryKey: '' })).toThrow(/secondaryKey/);
  });
});
