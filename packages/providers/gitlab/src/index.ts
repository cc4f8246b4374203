import { decodeStandardSecret, defineProvider, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { GitLabEvents } from './events.js';
import type { GitLabOptions } from './options.js';
import { parseGitLabEvent } from './parse.js';
import { verifyGitLabRequest } from './verify.js';

export type * from './events.js';
export type { GitLabOptions } from './options.js';

interface GitLabState {
  tokens: string[];
  signingKeys: Uint8Array[];
}

/**
 * A receiver for GitLab webhooks: checks `X-Gitlab-Token` in constant time and, with a signing
 * token, the Standard Webhooks signature; names events by `X-Gitlab-Event` (`Push Hook`).
 *
 * @example
 * const receiver = gitlab({ secret: process.env.GITLAB_WEBHOOK_TOKEN! });
 * receiver.on('Merge Request Hook', (event) => console.log(event.payload.object_attributes.title));
 */
export const gitlab = defineProvider<GitLabOptions, GitLabState, GitLabEvents>({
  title: 'GitLab',
  setup(options) {
    if (options.secret === undefined && options.signingToken === undefined) {
      throw new WebhookConfigError('GitLab: set `secret` (the secret token), `signingToken`, or both.');
    }
    return {
      tokens: options.secret === undefined ? [] : normalizeSecrets(options.secret, 'GitLab'),
      signingKeys:
        options.signingToken === undefined
          ? []
          : normalizeSecrets(options.signingToken, 'GitLab signing token').map(decodeStandardSecret),
    };
  },
  verify: (request, ctx) =>
    verifyGitLabRequest(request, {
      ...ctx.state,
      nowMs: ctx.now(),
      toleranceSeconds: ctx.tolerance,
    }),
  parse: parseGitLabEvent,
});
