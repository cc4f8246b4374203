import { describeReceiver } from '@hookwire/core/testing';
import { myGet } from '@hookwire/myget';
import { createMyGetRequest } from '@hookwire/myget/testing';
import { describe, expect, it } from 'vitest';
// The "package added" example of MyGet's webhook documentation (metadata trimmed).
import packageAdded from './fixtures/package-added.json' with { type: 'json' };

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';

describeReceiver({
  provider: 'myget',
  create: ({ secret, ...options }) => myGet({ code: secret, ...options }),
  sign: ({ secret, body }) => createMyGetRequest({ code: secret, payload: packageAdded, body }),
  credential: 'code',
  event: { name: 'PackageAddedWebHookEventPayloadV1', id: '7a48ce8c-728d-4350-8da8-e283d6fce277' },
  deliveryId: true,
  malformedBodies: ['{', '[]', '{"Payload":{}}'],
});

describe('myget receiver', () => {
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
});
