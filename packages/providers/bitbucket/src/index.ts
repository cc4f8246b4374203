import { defineProvider, normalizeCodes, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { BitbucketEvents } from './events.js';
import type { BitbucketOptions } from './options.js';
import { parseBitbucketEvent } from './parse.js';
import { type BitbucketCredentials, verifyBitbucketRequest } from './verify.js';

export type * from './events.js';
export type { BitbucketOptions } from './options.js';

/**
 * A receiver for Bitbucket Cloud and Data Center webhooks: verifies `X-Hub-Signature: sha256=…`
 * when configured with the webhook's `secret`, or the `code` query parameter for unsigned hooks,
 * and names events by `X-Event-Key` (`repo:push`, `pullrequest:created`, `pr:opened`).
 *
 * @example
 * const receiver = bitbucket({ secret: process.env.BITBUCKET_WEBHOOK_SECRET! });
 * receiver.on('repo:push', (event) => console.log(event.payload.push.changes.length, 'changes'));
 */
export const bitbucket = defineProvider<BitbucketOptions, BitbucketCredentials, BitbucketEvents>({
  title: 'Bitbucket',
  setup: (options) => {
    if (options.secret === undefined && options.code === undefined) {
      throw new WebhookConfigError(
        'Bitbucket: give the webhook `secret` (recommended), or a `code` for webhooks without one.',
      );
    }
    return {
      secrets: options.secret === undefined ? undefined : normalizeSecrets(options.secret, 'Bitbucket'),
      codes: options.code === undefined ? undefined : normalizeCodes(options.code, 'Bitbucket'),
    };
  },
  verify: (request, { state }) => verifyBitbucketRequest(request, state),
  parse: parseBitbucketEvent,
});
