import { createWebhookRequest } from '@hookwire/core';
import { describeReceiver, errorCodeOf, eventOf, webhookErrorOf } from '@hookwire/core/testing';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';

const secret = "It's a Secret to Everybody";
const payload = { action: 'opened', issue: { number: 1, title: 'Bug' } };

describeReceiver({
  provider: 'github',
  create: github,
  sign: ({ secret, body }) =>
    signGitHubRequest({ secret, event: 'issues', payload, body, deliveryId: 'd-1' }),
  event: { name: 'issues.opened', id: 'd-1' },
  signatureHeaders: ['X-Hub-Signature-256'],
  malformedSignature: { value: 'sha256=zz' },
  deliveryId: true,
  malformedBodies: ['{"ref":'],
});

describe('github receiver', () => {
  it('matches the signature example in GitHub docs', async () => {
    const request = createWebhookRequest({
      body: 'Hello, World!',
      headers: {
        'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        'x-github-event': 'ping',
        'x-github-delivery': 'd1',
      },
    });
    // The docs body is not JSON: verification passes, then parsing reports the body.
    const error = await webhookErrorOf(github({ secret }).receive(request));
    expect(error.code).toBe('malformed_body');
  });

  it('accepts a request signed by @octokit/webhooks-methods and names the event with its action', async () => {
    const body = JSON.stringify(payload);
    const request = createWebhookRequest({
      body,
      headers: {
        'x-hub-signature-256': await sign(secret, body),
        'x-github-event': 'issues',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      },
    });
    const event = await eventOf(github({ secret }).receive(request));
    expect(event.name).toBe('issues.opened');
    expect(event.id).toBe('72d3162e-cc78-11e3-81ab-4c9367dc0958');
    expect(event.payload).toEqual(payload);
    expect(event.provider).toBe('github');
  });

  it('verifies the raw bytes, upper-case unicode escapes included', async () => {
    const body = '{"action":"created","comment":{"body":"caf\\u00E9 \\u2713"}}';
    const request = signGitHubRequest({ secret, event: 'issue_comment', body });
    const result = await github({ secret }).receive(request);
    expect(result.type === 'event' && result.event.name).toBe('issue_comment.created');
  });

  it('names events without an action by the header alone', async () => {
    const result = await github({ secret }).receive(
      signGitHubRequest({ secret, event: 'push', payload: { ref: 'x' } }),
    );
    expect(result.type === 'event' && result.event.name).toBe('push');
  });

  it('names the signature header a request lacks', async () => {
    const request = signGitHubRequest({ secret, event: 'push', payload: {} });
    const { 'x-hub-signature-256': _, ...headers } = request.headers;
    const error = await webhookErrorOf(github({ secret }).receive({ ...request, headers }));
    expect(error.message).toContain('X-Hub-Signature-256');
  });

  it('requires the sha256= prefix', async () => {
    const request = signGitHubRequest({ secret, event: 'push', payload: {} });
    for (const value of ['757107ea', 'sha1=abcd']) {
      const headers = { ...request.headers, 'x-hub-signature-256': value };
      const error = await webhookErrorOf(github({ secret }).receive({ ...request, headers }));
      expect(error.code).toBe('malformed_signature');
    }
  });

  it('uses the legacy SHA-1 header only when the SHA-256 one is absent, and only when allowed', async () => {
    const request = signGitHubRequest({ secret, event: 'push', payload: {}, sha1: true });
    const { 'x-hub-signature-256': _, ...headers } = request.headers;
    const lenient = github({ secret, allowSha1: true });
    expect((await lenient.receive({ ...request, headers })).type).toBe('event');
    expect(await errorCodeOf(github({ secret }).receive({ ...request, headers }))).toBe('missing_header');
    // A valid SHA-1 must not rescue a wrong SHA-256.
    const downgraded = { ...request.headers, 'x-hub-signature-256': 'sha256=00' };
    expect(await errorCodeOf(lenient.receive({ ...request, headers: downgraded }))).toBe(
      'signature_mismatch',
    );
  });

  it('reads form-encoded payloads after verifying the form bytes', async () => {
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const request = signGitHubRequest({ secret, event: 'issues', body });
    const form = {
      ...request,
      headers: { ...request.headers, 'content-type': 'application/x-www-form-urlencoded' },
    };
    const result = await github({ secret }).receive(form);
    expect(result.type === 'event' && result.event.payload).toEqual(payload);
  });

  it('requires the event and delivery headers', async () => {
    const request = signGitHubRequest({ secret, event: 'push', payload: {} });
    const { 'x-github-event': _, ...headers } = request.headers;
    expect(await errorCodeOf(github({ secret }).receive({ ...request, headers }))).toBe('missing_header');
  });

  it('runs exact, wildcard and catch-all handlers, and answers 500 when one throws', async () => {
    const receiver = github({ secret });
    const calls: string[] = [];
    receiver.on('issues.opened', (event) => {
      calls.push(`exact:${event.payload.issue.number}`);
    });
    receiver.on('issues.*', () => {
      calls.push('wildcard');
    });
    receiver.onAny(() => {
      calls.push('any');
    });
    receiver.on('push', () => {
      calls.push('push');
    });
    const ok = await receiver.handle(signGitHubRequest({ secret, event: 'issues', payload }));
    expect(ok.status).toBe(200);
    expect(calls.sort()).toEqual(['any', 'exact:1', 'wildcard']);
    const errors: unknown[] = [];
    receiver.onError((error) => errors.push(error));
    receiver.on('issues.opened', () => {
      throw new Error('boom');
    });
    const failed = await receiver.handle(signGitHubRequest({ secret, event: 'issues', payload }));
    expect(failed.status).toBe(500);
    expect(errors).toHaveLength(1);
  });

  it('refuses a secret with surrounding whitespace at construction', () => {
    expect(() => github({ secret: 'abc\n' })).toThrow(/whitespace/);
    expect(() => github({ secret: [] })).toThrow(/at least one/);
  });
});
