import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventsOf, webhookErrorOf } from '@hookwire/core/testing';
import { microsoftGraph } from '@hookwire/microsoft-graph';
import { createGraphNotification, createGraphValidationRequest } from '@hookwire/microsoft-graph/testing';
import { describe, expect, it } from 'vitest';

const clientState = 'secretClientValue-7f3c1e0a9b2d4c6e8f1a3b5c7d9e0f2a';
const created = {
  id: 'lsgTZMr9KwAAA',
  subscriptionId: '8c0e8b1e-0000-4a5b-9b8e-2f7e2b7b3c0d',
  subscriptionExpirationDateTime: '2024-03-20T11:00:00.0000000Z',
  clientState,
  changeType: 'created',
  resource: 'Users/1f1e-3b/Messages/AAMkAGUwNjQ4ZjIxAAA=',
  tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
  resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: 'AAMkAGUwNjQ4ZjIxAAA=' },
};
const reauthorize = {
  subscriptionId: created.subscriptionId,
  subscriptionExpirationDateTime: created.subscriptionExpirationDateTime,
  tenantId: created.tenantId,
  clientState,
  lifecycleEvent: 'reauthorizationRequired',
};

const post = (value: unknown[], extra: Record<string, unknown> = {}) =>
  createWebhookRequest({
    body: JSON.stringify({ value, ...extra }),
    headers: { 'content-type': 'application/json' },
  });

const validationToken =
  'Validation: Testing client application reachability for subscription Request-Id: 0fd6b6f5-1c5d';
describeReceiver({
  provider: 'microsoft-graph',
  create: ({ secret, ...options }) => microsoftGraph({ clientState: secret, ...options }),
  sign: ({ secret }) =>
    createGraphNotification({ clientState: secret, notifications: [{ ...created, clientState: secret }] }),
  // The clientState travels in each notification of the body.
  credential: 'token',
  event: { name: 'created', id: 'lsgTZMr9KwAAA' },
  handshakes: [
    {
      name: 'validationToken',
      request: () => createGraphValidationRequest({ token: validationToken }),
      response: {
        status: 200,
        body: validationToken,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      },
    },
  ],
  deliveryId: true,
});

describe('microsoft graph receiver', () => {
  it('URL-decodes the validationToken it echoes', async () => {
    const receiver = microsoftGraph({ clientState });
    const plus = createWebhookRequest({ url: 'https://example.com/hook?validationToken=a+b%2Bc%3A%20d' });
    expect((await receiver.handle(plus)).body).toBe('a b+c: d');
  });

  it('answers validation only on POST', async () => {
    const request = { ...createGraphValidationRequest({ token: 'x' }), method: 'GET' };
    expect((await microsoftGraph({ clientState }).handle(request)).status).toBe(405);
  });

  it('turns each notification into an event named by changeType or lifecycleEvent, answering 202', async () => {
    const receiver = microsoftGraph({ clientState });
    const events = await eventsOf(
      receiver.receive(post([created, reauthorize], { validationTokens: ['eyJ0eXAi.x.y'] })),
    );
    expect(events.map((event) => event.name)).toEqual(['created', 'reauthorizationRequired']);
    expect(events[0]).toMatchObject({
      provider: 'microsoft-graph',
      id: 'lsgTZMr9KwAAA',
      payload: created,
      meta: {
        subscriptionId: created.subscriptionId,
        tenantId: created.tenantId,
        resource: created.resource,
        lifecycle: false,
        validationTokens: ['eyJ0eXAi.x.y'],
      },
    });
    expect(events[1]!.id).toBeUndefined();
    expect(events[1]!.meta.lifecycle).toBe(true);

    const renewed: string[] = [];
    receiver.on('reauthorizationRequired', (event) => {
      renewed.push(event.payload.subscriptionId);
    });
    expect(await receiver.handle(post([created, reauthorize]))).toEqual({ status: 202 });
    expect(renewed).toEqual([created.subscriptionId]);
  });

  it('refuses the whole batch when one clientState is wrong or missing, without revealing it', async () => {
    const receiver = microsoftGraph({ clientState });
    const wrong = post([created, { ...reauthorize, clientState: 'guess' }]);
    const error = await webhookErrorOf(receiver.receive(wrong));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('#2');
    const response = await receiver.handle(wrong);
    expect(response.status).toBe(401);
    expect(String(response.body)).not.toContain(clientState);
    const { clientState: _, ...withoutState } = created;
    expect(await errorCodeOf(receiver.receive(post([withoutState])))).toBe('unauthorized');
    // Same length, different value: still refused.
    const sameLength = clientState.replace(/.$/, 'b');
    expect(
      (await webhookErrorOf(receiver.receive(post([{ ...created, clientState: sameLength }])))).code,
    ).toBe('unauthorized');
  });

  it('reports malformed bodies', async () => {
    const receiver = microsoftGraph({ clientState });
    for (const body of ['{"value":', '{"value":{}}', '{"value":["x"]}', '{}']) {
      expect(await errorCodeOf(receiver.receive(createWebhookRequest({ body })))).toBe('malformed_body');
    }
    const nameless = post([{ ...created, changeType: undefined }]);
    expect(await errorCodeOf(receiver.receive(nameless))).toBe('malformed_body');
  });

  it('answers 500 when a handler fails, so Graph retries', async () => {
    const receiver = microsoftGraph({ clientState });
    receiver.on('created', () => {
      throw new Error('queue down');
    });
    expect((await receiver.handle(post([created]))).status).toBe(500);
  });

  it('builds test notifications the receiver accepts', async () => {
    const request = createGraphNotification({
      clientState,
      notifications: [{ changeType: 'updated', resource: 'Users/1/Events/2' }, { lifecycleEvent: 'missed' }],
    });
    const result = await microsoftGraph({ clientState }).receive(request);
    expect(result.type === 'event' && result.events.map((event) => event.name)).toEqual([
      'updated',
      'missed',
    ]);
  });

  it('checks clientState at construction', () => {
    expect(() => microsoftGraph({} as never)).toThrow(/clientState/);
    expect(() => microsoftGraph({ clientState: 'x'.repeat(256) })).toThrow(/255/);
    expect(() => microsoftGraph({ clientState: ' padded' })).toThrow(/whitespace/);
  });
});
