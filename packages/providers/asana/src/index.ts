import {
  defineProvider,
  normalizeSecrets,
  requireHeader,
  verifyHmac,
  WebhookConfigError,
  WebhookError,
} from '@hookwire/core';
import type { AsanaEvents } from './events.js';
import { answerHandshake, handshakeSecret } from './handshake.js';
import type { AsanaOptions } from './options.js';
import { parseAsanaEvents } from './parse.js';

export type { AsanaAction, AsanaEvent, AsanaEvents, AsanaResource, AsanaResourceType } from './events.js';
export type { AsanaOptions } from './options.js';

interface AsanaState {
  secrets: string[];
}

/**
 * A receiver for Asana webhooks. Answers the `X-Hook-Secret` handshake (handing the secret to
 * `onHandshake` to store), then checks `X-Hook-Signature` (hex HMAC-SHA256 of the raw body with that
 * secret) and turns each item of `events` into an event named `<resource_type>.<action>`.
 *
 * @example
 * const receiver = asana({ secret: process.env.ASANA_HOOK_SECRET, onHandshake: (secret) => saveSecret(secret) });
 * receiver.on('task.changed', (event) => console.log(event.payload.resource.gid, event.payload.change?.field));
 */
export const asana = defineProvider<AsanaOptions, AsanaState, AsanaEvents>({
  title: 'Asana',
  setup(options) {
    if (options.secret === undefined && typeof options.onHandshake !== 'function') {
      throw new WebhookConfigError(
        'Asana: give `secret` (the X-Hook-Secret of an existing webhook) or `onHandshake` (to store the secret of a new one).',
      );
    }
    return { secrets: options.secret === undefined ? [] : normalizeSecrets(options.secret, 'Asana') };
  },
  verify(request, { state }) {
    // The handshake is unsigned by design; parse answers it and nothing else.
    if (handshakeSecret(request) !== undefined) return;
    const signature = requireHeader(request, 'X-Hook-Signature', 'Asana signs every event delivery.');
    if (state.secrets.length === 0) {
      throw new WebhookError(
        'unauthorized',
        'No Asana secret is configured yet: pass the X-Hook-Secret stored from the handshake as `secret`.',
      );
    }
    verifyHmac({
      algorithm: 'sha256',
      secrets: state.secrets,
      parts: [request.body],
      signatures: signature,
      encoding: 'hex',
      header: 'X-Hook-Signature',
      provider: 'Asana',
    });
  },
  async parse(request, { options }) {
    const secret = handshakeSecret(request);
    if (secret !== undefined)
      return { response: await answerHandshake(secret, request, options.onHandshake) };
    return parseAsanaEvents(request);
  },
});
