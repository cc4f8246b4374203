import { createHmac } from 'node:crypto';
import { bitbucket } from '@hookwire/bitbucket';
import { signBitbucketRequest } from '@hookwire/bitbucket/testing';
import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf } from '@hookwire/core/testing';
import { describe, expect, it } from 'vitest';

const secret = 'bitbucket-webhook-secret';
const code = 'c0de'.repeat(10);
const push = {
  actor: { type: 'user', uuid: '{u1}', display_name: 'Ada' },
  repository: { type: 'repository', uuid: '{r1}', name: 'app', full_name: 'team/app' },
  push: {
    changes: [
      { old: null, new: { type: 'branch', name: 'main' }, created: true, closed: false, forced: false },
    ],
  },
};

describeReceiver<string>({
  provider: 'bitbucket',
  variant: 'secret',
  create: bitbucket,
  sign: ({ secret }) =>
    signBitbucketRequest({ secret, event: 'repo:push', payload: push, requestId: 'req-1' }),
  event: { name: 'repo:push', id: 'req-1' },
  signatureHeaders: ['X-Hub-Signature'],
  malformedSignature: { value: 'sha256=zz' },
  deliveryId: true,
});

describeReceiver<string>({
  provider: 'bitbucket',
  variant: 'code',
  create: ({ secret, ...options }) => bitbucket({ code: secret, ...options }),
  sign: ({ secret }) => signBitbucketRequest({ code: secret, event: 'repo:push', payload: push }),
  credential: 'code',
  event: { name: 'repo:push' },
});

describe('bitbucket receiver', () => {
  it('verifies X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>, computed independently', async () => {
    const body = '{"test":true}';
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const request = createWebhookRequest({
      body,
      headers: { 'x-hub-signature': signature, 'x-event-key': 'diagnostics:ping', 'x-request-id': 'dc-1' },
    });
    const result = await bitbucket({ secret }).receive(request);
    expect(result.type === 'event' && result.event).toMatchObject({
      name: 'diagnostics:ping',
      id: 'dc-1',
      payload: { test: true },
    });
  });

  it('reads a Cloud event: X-Event-Key, X-Request-UUID as id, hook and attempt in meta', async () => {
    const request = signBitbucketRequest({
      secret,
      event: 'repo:push',
      payload: push,
      requestId: 'req-1',
      attempt: 2,
    });
    const event = await eventOf(bitbucket({ secret }).receive(request));
    expect(event.provider).toBe('bitbucket');
    expect(event.name).toBe('repo:push');
    expect(event.id).toBe('req-1');
    expect(event.payload).toEqual(push);
    expect(event.meta.attemptNumber).toBe(2);
    expect(event.meta.hookUuid).toMatch(/^\{[0-9a-f-]{36}\}$/);
  });

  it('reads a Data Center event with X-Request-Id', async () => {
    const request = signBitbucketRequest({
      secret,
      event: 'pr:opened',
      edition: 'datacenter',
      requestId: 'dc-req',
      payload: { eventKey: 'pr:opened' },
    });
    const result = await bitbucket({ secret }).receive(request);
    expect(result.type === 'event' && [result.event.name, result.event.id]).toEqual(['pr:opened', 'dc-req']);
  });

  it('does not accept GitHub-style X-Hub-Signature-256 in place of X-Hub-Signature', async () => {
    const request = signBitbucketRequest({ secret, event: 'repo:push', payload: push });
    const { 'x-hub-signature': signature, ...rest } = request.headers;
    const headers = { ...rest, 'x-hub-signature-256': signature };
    const error = await webhookErrorOf(bitbucket({ secret }).receive({ ...request, headers }));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('X-Hub-Signature');
  });

  it('requires the sha256= prefix', async () => {
    const request = signBitbucketRequest({ secret, event: 'repo:push', payload: push });
    const signature = request.headers['x-hub-signature'] as string;
    for (const value of [signature.slice('sha256='.length), 'sha1=abcdef']) {
      const headers = { ...request.headers, 'x-hub-signature': value };
      expect(await errorCodeOf(bitbucket({ secret }).receive({ ...request, headers }))).toBe(
        'malformed_signature',
      );
    }
  });

  it('requires X-Event-Key and a JSON body', async () => {
    const request = signBitbucketRequest({ secret, event: 'repo:push', payload: push });
    const { 'x-event-key': _, ...headers } = request.headers;
    expect(await errorCodeOf(bitbucket({ secret }).receive({ ...request, headers }))).toBe('missing_header');
    const bad = signBitbucketRequest({ secret, event: 'repo:push', body: '{"push":' });
    expect(await errorCodeOf(bitbucket({ secret }).receive(bad))).toBe('malformed_body');
  });

  describe('the unsigned code setup', () => {
    it('accepts plain http on localhost', async () => {
      const receiver = bitbucket({ code });
      const local = signBitbucketRequest({
        code,
        event: 'repo:push',
        payload: push,
        url: 'http://localhost:3000/hook',
      });
      expect((await receiver.receive(local)).type).toBe('event');
    });

    it('checks both when both are configured', async () => {
      const receiver = bitbucket({ code, secret });
      const both = signBitbucketRequest({ code, secret, event: 'repo:push', payload: push });
      expect((await receiver.receive(both)).type).toBe('event');
      const unsigned = signBitbucketRequest({ code, event: 'repo:push', payload: push });
      expect(await errorCodeOf(receiver.receive(unsigned))).toBe('missing_header');
    });
  });

  it('drops a retried delivery (same X-Request-UUID) when dedupe is on', async () => {
    const receiver = bitbucket({ secret, dedupe: true });
    let calls = 0;
    receiver.on('repo:push', (event) => {
      expect(event.payload.push.changes[0]?.new?.name).toBe('main');
      calls++;
    });
    const first = signBitbucketRequest({
      secret,
      event: 'repo:push',
      payload: push,
      requestId: 'same',
      attempt: 1,
    });
    const retry = signBitbucketRequest({
      secret,
      event: 'repo:push',
      payload: push,
      requestId: 'same',
      attempt: 2,
    });
    await receiver.handle(first);
    await receiver.handle(retry);
    expect(calls).toBe(1);
  });

  it('checks its options at construction', () => {
    expect(() => bitbucket({})).toThrow(/secret/);
    expect(() => bitbucket({ secret: '' })).toThrow(/empty/);
  });
});
