import { webhookErrorOf } from '@hookwire/core/testing';
import { myGet } from '@hookwire/myget';
import { createMyGetRequest } from '@hookwire/myget/testing';
import { describe, expect, it } from 'vitest';

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
// The "package added" example of MyGet's webhook documentation (metadata trimmed).
const packageAdded = {
  Identifier: '7a48ce8c-728d-4350-8da8-e283d6fce277',
  Username: 'maartenba',
  When: '2014-09-08T12:59:53.1148196Z',
  PayloadType: 'PackageAddedWebHookEventPayloadV1',
  Payload: {
    PackageType: 'NuGet',
    PackageIdentifier: 'GoogleAnalyticsTracker.WP8',
    PackageVersion: '1.0.0-CI00002',
    PackageDetailsUrl:
      'https://www.myget.org/feed/sample-feed/package/GoogleAnalyticsTracker.WP8/1.0.0-CI00002',
    FeedIdentifier: 'sample-feed',
    FeedUrl: 'https://www.myget.org/F/sample-feed/',
  },
};

describe('myget receiver', () => {
  it('names the event by PayloadType, with X-MyGet-EventIdentifier as the id', async () => {
    const result = await myGet({ code }).receive(createMyGetRequest({ code, payload: packageAdded }));
    expect(result.type).toBe('event');
    if (result.type !== 'event') return;
    expect(result.event.name).toBe('PackageAddedWebHookEventPayloadV1');
    expect(result.event.id).toBe('7a48ce8c-728d-4350-8da8-e283d6fce277');
    expect(result.event.payload).toEqual(packageAdded);
  });

  it('falls back to the body Identifier when the header is absent', async () => {
    const request = createMyGetRequest({ code, payload: packageAdded });
    const { 'x-myget-eventidentifier': _, ...headers } = request.headers;
    const result = await myGet({ code }).receive({ ...request, headers });
    expect(result.type === 'event' && result.event.id).toBe(packageAdded.Identifier);
  });

  it('answers the ping with 200 without running handlers, but only with the right code', async () => {
    const receiver = myGet({ code });
    let calls = 0;
    receiver.onAny(() => {
      calls++;
    });
    const ping = { ...packageAdded, PayloadType: 'PingWebHookEventPayloadV1', Payload: {} };
    const response = await receiver.handle(createMyGetRequest({ code, payload: ping }));
    expect(response.status).toBe(200);
    expect(calls).toBe(0);
    const forged = await receiver.handle(createMyGetRequest({ code: 'a'.repeat(40), payload: ping }));
    expect(forged.status).toBe(401);
  });

  it('rejects a wrong code, a missing code and plain http', async () => {
    const receiver = myGet({ code });
    const wrong = await receiver.handle(createMyGetRequest({ code: 'd'.repeat(40), payload: packageAdded }));
    expect(wrong.status).toBe(401);
    expect(String(wrong.body)).not.toContain(code);
    const request = createMyGetRequest({ code, payload: packageAdded });
    expect(
      (await webhookErrorOf(receiver.receive({ ...request, url: 'https://example.com/myget' }))).code,
    ).toBe('unauthorized');
    const plain = createMyGetRequest({ code, payload: packageAdded, url: 'http://example.com/myget' });
    expect((await webhookErrorOf(receiver.receive(plain))).status).toBe(400);
  });

  it('accepts any code of a rotation', async () => {
    const receiver = myGet({ code: ['f'.repeat(40), code] });
    expect((await receiver.receive(createMyGetRequest({ code, payload: packageAdded }))).type).toBe('event');
  });

  it('reports malformed bodies', async () => {
    for (const body of ['{', '[]', '{"Payload":{}}']) {
      expect((await webhookErrorOf(myGet({ code }).receive(createMyGetRequest({ code, body })))).code).toBe(
        'malformed_body',
      );
    }
  });

  it('answers 405 to GET and refuses a short code', async () => {
    const request = { ...createMyGetRequest({ code, payload: packageAdded }), method: 'GET' };
    expect((await myGet({ code }).handle(request)).status).toBe(405);
    expect(() => myGet({ code: 'x' })).toThrow(/32 to 128/);
  });
});
