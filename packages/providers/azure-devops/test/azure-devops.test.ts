import { azureDevOps } from '@hookwire/azure-devops';
import { createAzureDevOpsRequest } from '@hookwire/azure-devops/testing';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';
// Shaped after the git.push sample of the Azure DevOps service hook event reference.
import push from './fixtures/git-push.json' with { type: 'json' };

const code = '83699ec7c1d794c0c780e49a5c72972590571fd8';
const username = 'hooks';
const password = 'correct horse battery staple';

describeReceiver({
  provider: 'azure-devops',
  variant: 'code',
  create: ({ secret, ...options }) => azureDevOps({ code: secret, ...options }),
  sign: ({ secret, body }) => createAzureDevOpsRequest({ code: secret, payload: push, body }),
  credential: 'code',
  event: { name: 'git.push', id: '03c164c2-8912-4d5e-8009-3707d5f83734' },
  deliveryId: true,
  malformedBodies: ['', '[1]', '{"id":"x"}'],
});

describeReceiver({
  provider: 'azure-devops',
  variant: 'basic authentication',
  create: ({ secret, ...options }) => azureDevOps({ username, password: secret, ...options }),
  sign: ({ secret }) => createAzureDevOpsRequest({ username, password: secret, payload: push }),
  credential: 'basic',
  event: { name: 'git.push', id: '03c164c2-8912-4d5e-8009-3707d5f83734' },
  malformedSignature: { header: 'authorization', value: 'Basic !!!', code: 'unauthorized' },
});

describe('azure devops receiver', () => {
  it('names the event by eventType, with the event id as the delivery id', async () => {
    const receiver = azureDevOps({ code });
    const refs: string[] = [];
    receiver.on('git.push', (event) => {
      refs.push(...event.payload.resource.refUpdates.map((ref) => ref.name));
    });
    const request = createAzureDevOpsRequest({ code, payload: push });
    const event = await eventOf(receiver.receive(request));
    expect(event.name).toBe('git.push');
    expect(event.id).toBe('03c164c2-8912-4d5e-8009-3707d5f83734');
    expect(event.meta).toEqual({ subscriptionId: push.subscriptionId, notificationId: 3 });
    expect((await receiver.handle(request)).status).toBe(200);
    expect(refs).toEqual(['refs/heads/master']);
  });

  it('rejects a wrong user, a wrong password, missing or non-basic credentials, without echoing them', async () => {
    const receiver = azureDevOps({ username, password });
    for (const [user, pass] of [
      ['other', password],
      [username, 'wrong'],
      [username, ''],
    ] as const) {
      const response = await receiver.handle(
        createAzureDevOpsRequest({ username: user, password: pass, payload: push }),
      );
      expect(response.status).toBe(401);
      expect(String(response.body)).not.toContain(password);
    }
    const request = createAzureDevOpsRequest({ username, password, payload: push });
    for (const authorization of [undefined, 'Bearer abc', 'Basic !!!']) {
      const error = await webhookErrorOf(
        receiver.receive({ ...request, headers: { ...request.headers, authorization } }),
      );
      expect(error.code).toBe('unauthorized');
    }
  });

  it('rejects a duplicated Authorization header', async () => {
    const request = createAzureDevOpsRequest({ username, password, payload: push });
    const value = request.headers.authorization as string;
    const doubled = { ...request, headers: { ...request.headers, authorization: [value, value] } };
    expect(await errorCodeOf(azureDevOps({ username, password }).receive(doubled))).toBe('duplicate_header');
  });

  it('requires both checks when both are configured', async () => {
    const receiver = azureDevOps({ code, username, password });
    expect(
      (await receiver.receive(createAzureDevOpsRequest({ code, username, password, payload: push }))).type,
    ).toBe('event');
    const codeOnly = createAzureDevOpsRequest({ code, payload: push });
    expect(await errorCodeOf(receiver.receive(codeOnly))).toBe('unauthorized');
    const basicOnly = createAzureDevOpsRequest({ username, password, payload: push });
    expect(await errorCodeOf(receiver.receive(basicOnly))).toBe('unauthorized');
  });

  it('requires https for basic authentication, except on localhost', async () => {
    const url = 'http://example.com/hooks';
    const withBasic = createAzureDevOpsRequest({ username, password, payload: push, url });
    expect((await webhookErrorOf(azureDevOps({ username, password }).receive(withBasic))).status).toBe(400);
    const local = createAzureDevOpsRequest({
      username,
      password,
      payload: push,
      url: 'http://localhost:8080/hooks',
    });
    expect((await azureDevOps({ username, password }).receive(local)).type).toBe('event');
  });

  it('refuses incomplete configuration at construction', () => {
    expect(() => azureDevOps({})).toThrow(/code.*username/);
    expect(() => azureDevOps({ username })).toThrow(/both/);
    expect(() => azureDevOps({ password })).toThrow(/both/);
    expect(() => azureDevOps({ username: 'a:b', password })).toThrow(/":"/);
    expect(() => azureDevOps({ username, password: '' })).toThrow(/empty/);
  });
});
