import { createHmac } from 'node:crypto';
import {
  describeReceiver,
  errorCodeOf,
  eventOf,
  webhookErrorOf,
  withBody,
  withHeaders,
} from '@hookwire/core/testing';
import { gitlab } from '@hookwire/gitlab';
import { signGitLabRequest } from '@hookwire/gitlab/testing';
import { describe, expect, it } from 'vitest';

const secret = 'gitlab-secret-token';
const signingToken = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const now = 1_700_000_000_000;
const push = {
  object_kind: 'push',
  ref: 'refs/heads/main',
  before: 'a',
  after: 'b',
  user_name: 'Jane',
  project: {
    id: 1,
    name: 'demo',
    path_with_namespace: 'group/demo',
    web_url: 'https://gitlab.example.com/group/demo',
  },
  commits: [],
  total_commits_count: 0,
};
const mergeRequest = {
  object_kind: 'merge_request',
  event_type: 'merge_request',
  object_attributes: { iid: 7, title: 'Fix', action: 'open' },
};

describeReceiver<string>({
  provider: 'gitlab',
  variant: 'secret token',
  create: gitlab,
  sign: ({ secret }) =>
    signGitLabRequest({ secret, event: 'Push Hook', payload: push, idempotencyKey: 'k-1' }),
  credential: 'token',
  event: { name: 'Push Hook', id: 'k-1' },
  signatureHeaders: ['X-Gitlab-Token'],
  deliveryId: true,
});

describeReceiver({
  provider: 'gitlab',
  variant: 'signing token',
  create: ({ secret, ...options }) => gitlab({ signingToken: secret, ...options }),
  sign: ({ secret, timestamp }) =>
    signGitLabRequest({
      signingToken: secret,
      event: 'Push Hook',
      payload: push,
      idempotencyKey: 'k-1',
      timestamp,
    }),
  secrets: [signingToken, `whsec_${Buffer.from('the previous signing token key').toString('base64')}`],
  event: { name: 'Push Hook', id: 'k-1' },
  signatureHeaders: ['Webhook-Signature', 'Webhook-Id', 'Webhook-Timestamp'],
  malformedSignature: { value: 'v1,' },
  timestamp: { tolerance: 300 },
  deliveryId: true,
});

describe('gitlab receiver: secret token', () => {
  it('names events by X-Gitlab-Event and puts object_kind and action in meta', async () => {
    const request = signGitLabRequest({
      secret,
      event: 'Merge Request Hook',
      payload: mergeRequest,
      idempotencyKey: 'k-1',
    });
    const event = await eventOf(gitlab({ secret }).receive(request));
    expect(event.name).toBe('Merge Request Hook');
    expect(event.id).toBe('k-1');
    expect(event.payload).toEqual(mergeRequest);
    expect(event.meta).toMatchObject({
      objectKind: 'merge_request',
      action: 'open',
      instance: 'https://gitlab.example.com',
    });
  });

  it('routes typed handlers and falls back to the event UUID as the id', async () => {
    const receiver = gitlab({ secret });
    const refs: string[] = [];
    receiver.on('Push Hook', (event) => {
      refs.push(event.payload.ref);
    });
    expect(
      (await receiver.handle(signGitLabRequest({ secret, event: 'Push Hook', payload: push }))).status,
    ).toBe(200);
    expect(refs).toEqual(['refs/heads/main']);
    const request = signGitLabRequest({ secret, event: 'Push Hook', payload: push });
    const { 'idempotency-key': _, ...headers } = request.headers;
    const result = await receiver.receive({ ...request, headers });
    expect(result.type === 'event' && result.event.id).toBe(request.headers['x-gitlab-event-uuid']);
  });

  it('rejects a prefix of the token', async () => {
    const request = signGitLabRequest({ secret, event: 'Push Hook', payload: push });
    const prefix = withHeaders(request, { 'x-gitlab-token': secret.slice(0, -1) });
    expect(await errorCodeOf(gitlab({ secret }).receive(prefix))).toBe('unauthorized');
  });

  it('cannot detect a changed body with a token alone (no integrity), which is why signing tokens exist', async () => {
    const request = signGitLabRequest({ secret, event: 'Push Hook', payload: push });
    const tampered = withBody(request, JSON.stringify({ ...push, ref: 'refs/heads/evil' }));
    const result = await gitlab({ secret }).receive(tampered);
    expect(result.type === 'event' && (result.event.payload as { ref: string }).ref).toBe('refs/heads/evil');
    expect(
      (await webhookErrorOf(gitlab({ secret, signingToken, now: () => now }).receive(tampered))).code,
    ).toBe('missing_header');
  });

  it('requires X-Gitlab-Event and a JSON body, and a secret or signing token at construction', async () => {
    const request = signGitLabRequest({ secret, event: 'Push Hook', payload: push });
    expect(
      (
        await webhookErrorOf(
          gitlab({ secret }).receive(withHeaders(request, { 'x-gitlab-event': undefined })),
        )
      ).code,
    ).toBe('missing_header');
    const bad = signGitLabRequest({ secret, event: 'Push Hook', body: '{"ref":' });
    expect(await errorCodeOf(gitlab({ secret }).receive(bad))).toBe('malformed_body');
    expect(() => gitlab({})).toThrow(/secret/);
    expect(() => gitlab({ secret: 'x\n' })).toThrow(/whitespace/);
  });
});

describe('gitlab receiver: signing token (Standard Webhooks headers)', () => {
  const receiver = () => gitlab({ signingToken, now: () => now });
  const timestamp = now / 1000;

  it('verifies the signature GitLab computes: HMAC-SHA256 of id.timestamp.body under the decoded whsec_ key', async () => {
    const body = JSON.stringify(push);
    const key = Buffer.from(signingToken.slice('whsec_'.length), 'base64');
    const manual = createHmac('sha256', key).update(`msg-1.${timestamp}.${body}`).digest('base64');
    const request = signGitLabRequest({
      signingToken,
      event: 'Push Hook',
      body,
      idempotencyKey: 'msg-1',
      timestamp,
    });
    expect(request.headers['webhook-signature']).toBe(`v1,${manual}`);
    const result = await receiver().receive(request);
    expect(result.type === 'event' && result.event.id).toBe('msg-1');
  });

  it('requires both checks when both are set', async () => {
    const both = gitlab({ secret, signingToken, now: () => now });
    const signedOnly = signGitLabRequest({ signingToken, event: 'Push Hook', payload: push, timestamp });
    expect(await errorCodeOf(both.receive(signedOnly))).toBe('missing_header');
    const full = signGitLabRequest({ secret, signingToken, event: 'Push Hook', payload: push, timestamp });
    expect((await both.receive(full)).type).toBe('event');
    expect(() => gitlab({ signingToken: 'whsec_***' })).toThrow(/`whsec_` followed by base64/);
  });
});
