import { webhookErrorOf } from '@hookwire/core/testing';
import { github } from '@hookwire/github';
import { signGitHubRequest } from '@hookwire/github/testing';
import { describe, expect, it } from 'vitest';

const secret = 'It is a secret';

function sha1Only() {
  const request = signGitHubRequest({ secret, event: 'push', payload: {}, sha1: true });
  const { 'x-hub-signature-256': _, ...headers } = request.headers;
  return { ...request, headers };
}

describe('GitHub SHA-1-only signatures', () => {
  it('are refused by default, with a message naming the option', async () => {
    const error = await webhookErrorOf(github({ secret }).receive(sha1Only()));
    expect(error.code).toBe('missing_header');
    expect(error.status).toBe(400);
    expect(error.message).toContain('allowSha1: true');
    expect(error.message).toContain('X-Hub-Signature');
  });

  it('are accepted with allowSha1, and still checked', async () => {
    expect((await github({ secret, allowSha1: true }).receive(sha1Only())).type).toBe('event');
    const wrong = await webhookErrorOf(
      github({ secret: 'another secret', allowSha1: true }).receive(sha1Only()),
    );
    expect(wrong.code).toBe('signature_mismatch');
  });

  it('do not change how a SHA-256 signature is checked', async () => {
    const request = signGitHubRequest({ secret, event: 'push', payload: {} });
    expect((await github({ secret }).receive(request)).type).toBe('event');
  });
});
