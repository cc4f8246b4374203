import { createWebhookRequest } from '@hookwire/core';
import {
  describeReceiver,
  errorCodeOf,
  eventOf,
  eventsOf,
  webhookErrorOf,
  withBody,
  withHeaders,
} from '@hookwire/core/testing';
import { hubspot } from '@hookwire/hubspot';
import { signHubSpotRequest } from '@hookwire/hubspot/testing';
import { Signature } from '@hubspot/api-client';
import { afterEach, describe, expect, it, vi } from 'vitest';

const docsSecret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const docsUrl = 'https://www.example.com/webhook_uri';
const secret = 'client-secret';
const url = 'https://hooks.example.com/hubspot?portal=62515';
const now = 1_700_000_000_000;
const events = [
  {
    eventId: 100,
    subscriptionId: 1,
    portalId: 62515,
    appId: 9,
    occurredAt: now,
    subscriptionType: 'contact.creation',
    attemptNumber: 0,
    objectId: 123,
  },
  {
    eventId: 101,
    subscriptionId: 2,
    portalId: 62515,
    appId: 9,
    occurredAt: now,
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 0,
    objectId: 123,
    propertyName: 'email',
    propertyValue: 'a@example.com',
  },
];

function receiver(options: Partial<Parameters<typeof hubspot>[0]> = {}) {
  return hubspot({ secret, now: () => now, ...options });
}

describeReceiver({
  provider: 'hubspot',
  create: hubspot,
  sign: ({ secret, timestamp, method }) =>
    signHubSpotRequest({
      secret,
      url,
      events,
      timestamp: timestamp * 1000,
      method: method as 'POST' | 'GET',
    }),
  event: { name: 'contact.creation', id: '100' },
  // HubSpot also sends a v1 signature, so a request without the v3 header falls back to it.
  signatureHeaders: ['X-HubSpot-Request-Timestamp'],
  malformedSignature: { header: 'X-HubSpot-Signature-v3', value: '#' },
  timestamp: { tolerance: 300 },
  methods: ['POST', 'GET'],
  deliveryId: true,
});

describe('hubspot receiver: published vectors', () => {
  it('verifies the v1 example of the HubSpot docs and SDKs', async () => {
    const body =
      '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
    const request = createWebhookRequest({
      url: docsUrl,
      body,
      headers: {
        'x-hubspot-signature-version': 'v1',
        'x-hubspot-signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
      },
    });
    const event = await eventOf(hubspot({ secret: docsSecret }).receive(request));
    expect(event.name).toBe('contact.creation');
    expect(event.id).toBe('1');
    expect(event.meta).toMatchObject({ portalId: 62515, appId: 54321, signatureVersion: 'v1' });
  });

  it('verifies the v2 example of the HubSpot docs (POST with a body)', async () => {
    const request = createWebhookRequest({
      url: docsUrl,
      body: '{"example_field":"example_value"}',
      headers: {
        'x-hubspot-signature-version': 'v2',
        'x-hubspot-signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
      },
    });
    // The signature checks out; the docs body is no webhook event, which parsing then reports.
    expect(await errorCodeOf(hubspot({ secret: docsSecret }).receive(request))).toBe('malformed_body');
    const moved = { ...request, url: `${docsUrl}/other` };
    expect(await errorCodeOf(hubspot({ secret: docsSecret }).receive(moved))).toBe('signature_mismatch');
  });

  it('verifies the v3 vectors of the official Python and Ruby SDK tests', async () => {
    for (const [timestamp, signature] of [
      ['1693657560000', 'K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y='],
      ['1700000300000', 'RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw='],
    ] as const) {
      const request = createWebhookRequest({
        url: docsUrl,
        body: "{'example_field':'example_value'}",
        headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
      });
      const error = await webhookErrorOf(
        hubspot({ secret: docsSecret, now: () => Number(timestamp) }).receive(request),
      );
      expect(error.code).toBe('malformed_body'); // verified; the body is not JSON
    }
  });
});

describe('hubspot receiver: agrees with @hubspot/api-client Signature', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs v1, v2 and v3 as Signature.getSignature computes them', () => {
    const body = JSON.stringify(events);
    for (const version of ['v1', 'v2', 'v3'] as const) {
      const request = signHubSpotRequest({ secret, url, events, version, timestamp: now });
      const header = version === 'v3' ? 'x-hubspot-signature-v3' : 'x-hubspot-signature';
      const expected = Signature.getSignature('POST', version, {
        signature: '',
        clientSecret: secret,
        requestBody: body,
        url,
        timestamp: now,
      });
      expect(request.headers[header]).toBe(expected);
    }
  });

  it('accepts a v3 request Signature.isValid accepts, at the same clock', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(now);
    const request = signHubSpotRequest({ secret, url, events, timestamp: now - 1000 });
    const valid = Signature.isValid({
      signatureVersion: 'v3',
      signature: request.headers['x-hubspot-signature-v3'] as string,
      clientSecret: secret,
      requestBody: JSON.stringify(events),
      url,
      method: 'POST',
      timestamp: now - 1000,
    });
    expect(valid).toBe(true);
    expect((await receiver().receive(request)).type).toBe('event');
  });
});

describe('hubspot receiver: v3', () => {
  it('yields one event per element, named by subscriptionType', async () => {
    const received = await eventsOf(
      receiver().receive(signHubSpotRequest({ secret, url, events, timestamp: now })),
    );
    expect(received.map((event) => [event.name, event.id])).toEqual([
      ['contact.creation', '100'],
      ['contact.propertyChange', '101'],
    ]);
    expect(received[1]?.meta).toMatchObject({
      subscriptionId: 2,
      attemptNumber: 0,
      signatureVersion: 'v3',
    });
  });

  it('decodes the characters HubSpot lists in the URI, and only those', async () => {
    const signedAs = "https://hooks.example.com/hubspot/a:b@c!$'()*,;?x=1&y=%20";
    const received = 'https://hooks.example.com/hubspot/a%3Ab%40c%21%24%27%28%29%2A%2C%3B?x=1&y=%20';
    const request = signHubSpotRequest({ secret, url: signedAs, events, timestamp: now });
    expect((await receiver().receive({ ...request, url: received })).type).toBe('event');
    const spaceDecoded = { ...request, url: received.replace('%20', ' ') };
    expect(await errorCodeOf(receiver().receive(spaceDecoded))).toBe('signature_mismatch');
  });

  it('uses publicUrl behind a proxy', async () => {
    const request = signHubSpotRequest({ secret, url, events, timestamp: now });
    const proxied = { ...request, url: 'http://10.0.0.1:3000/hubspot?portal=62515' };
    expect(await errorCodeOf(receiver().receive(proxied))).toBe('signature_mismatch');
    expect((await receiver({ publicUrl: 'https://hooks.example.com' }).receive(proxied)).type).toBe('event');
    expect((await receiver({ publicUrl: () => url }).receive(proxied)).type).toBe('event');
    expect(() => receiver({ publicUrl: 'https://hooks.example.com?x=1' })).toThrow(/publicUrl/);
  });

  it('keeps the expected signature out of the answer, and accepts a timestamp exactly 300 s old', async () => {
    const request = signHubSpotRequest({ secret, url, events, timestamp: now });
    const wrong = await receiver().handle(
      signHubSpotRequest({ secret: 'other', url, events, timestamp: now }),
    );
    expect(String(wrong.body)).not.toContain(request.headers['x-hubspot-signature-v3'] as string);
    const edge = signHubSpotRequest({ secret, url, events, timestamp: now - 300_000 });
    expect((await receiver().receive(edge)).type).toBe('event');
  });

  it('rejects a repeated v3 signature and a timestamp not in milliseconds since the epoch', async () => {
    const request = signHubSpotRequest({ secret, url, events, timestamp: now });
    const signature = request.headers['x-hubspot-signature-v3'] as string;
    const twice = withHeaders(request, { 'x-hubspot-signature-v3': [signature, signature] });
    expect(await errorCodeOf(receiver().receive(twice))).toBe('duplicate_header');
    const dated = withHeaders(request, { 'x-hubspot-request-timestamp': '2024-01-01' });
    expect(await errorCodeOf(receiver().receive(dated))).toBe('malformed_header');
  });

  it('reports a body without subscriptionType', async () => {
    const request = signHubSpotRequest({ secret, url, events: [{ eventId: 1 }], timestamp: now });
    expect(await errorCodeOf(receiver().receive(request))).toBe('malformed_body');
  });
});

describe('hubspot receiver: v1 and v2', () => {
  it('verifies v1 and v2 when v3 is absent', async () => {
    for (const version of ['v1', 'v2'] as const) {
      const request = signHubSpotRequest({ secret, url, events, version });
      const result = await receiver().receive(request);
      expect(result.type === 'event' && result.event.meta.signatureVersion).toBe(version);
      const tampered = withBody(request, '[]');
      expect(await errorCodeOf(receiver().receive(tampered))).toBe('signature_mismatch');
    }
  });

  it('never falls back to v1 when a v3 header is present, and refuses legacy when told to', async () => {
    const request = signHubSpotRequest({ secret, url, events, timestamp: now });
    const badV3 = withHeaders(request, { 'x-hubspot-signature-v3': 'AAAA' });
    expect(await errorCodeOf(receiver().receive(badV3))).toBe('signature_mismatch');
    const legacy = signHubSpotRequest({ secret, url, events, version: 'v1' });
    const error = await webhookErrorOf(receiver({ allowLegacy: false }).receive(legacy));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('X-HubSpot-Signature-v3');
  });

  it('rejects a missing or unknown version and a malformed legacy signature', async () => {
    const request = signHubSpotRequest({ secret, url, events, version: 'v1' });
    const noVersion = withHeaders(request, { 'x-hubspot-signature-version': undefined });
    expect(await errorCodeOf(receiver().receive(noVersion))).toBe('missing_header');
    const v9 = withHeaders(request, { 'x-hubspot-signature-version': 'v9' });
    expect(await errorCodeOf(receiver().receive(v9))).toBe('malformed_header');
    const short = withHeaders(request, { 'x-hubspot-signature': 'abcd' });
    expect(await errorCodeOf(receiver().receive(short))).toBe('malformed_signature');
  });
});
