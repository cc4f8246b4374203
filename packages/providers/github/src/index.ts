import { defineProvider, normalizeSecrets } from '@hookwire/core';
import type { GitHubEvents } from './events.js';
import type { GitHubOptions } from './options.js';
import { parseGitHubEvent } from './parse.js';
import { verifyGitHubSignature } from './verify.js';

export type { GitHubEventName, GitHubEvents } from './events.js';
export type { GitHubOptions } from './options.js';

/**
 * A receiver for GitHub webhooks: verifies `X-Hub-Signature-256` over the raw body and names events
 * `<X-GitHub-Event>.<action>` (`issues.opened`, `push`, `ping`).
 *
 * @example
 * const receiver = github({ secret: process.env.GITHUB_WEBHOOK_SECRET! });
 * receiver.on('issues.opened', (event) => console.log(event.payload.issue.title));
 */
export const github = defineProvider<GitHubOptions, { secrets: string[]; allowSha1: boolean }, GitHubEvents>({
  title: 'GitHub',
  setup: (options) => ({
    secrets: normalizeSecrets(options.secret, 'GitHub'),
    allowSha1: options.allowSha1 ?? false,
  }),
  verify: (request, { state }) => verifyGitHubSignature(request, state.secrets, state.allowSha1),
  parse: parseGitHubEvent,
});
