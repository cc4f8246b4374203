import { defineProvider, normalizeSecrets, WebhookConfigError } from '@hookwire/core';
import type { TrelloEvents } from './events.js';
import type { TrelloOptions } from './options.js';
import { parseTrelloEvent } from './parse.js';
import { verifyTrelloSignature } from './verify.js';

export type * from './events.js';
export type { TrelloOptions } from './options.js';

interface TrelloState {
  secrets: string[];
  callbackUrl: string | undefined;
}

/**
 * A receiver for Trello webhooks: answers the HEAD request Trello sends when a webhook is created,
 * verifies `X-Trello-Webhook` over the raw body and the callback URL, and names events by
 * `action.type` (`updateCard`, `commentCard`), with `action.id` as the delivery id.
 *
 * @example
 * const receiver = trello({ secret: process.env.TRELLO_SECRET!, callbackUrl: 'https://example.com/webhooks/trello' });
 * receiver.on('commentCard', (event) => console.log(event.payload.action.data.text));
 */
export const trello = defineProvider<TrelloOptions, TrelloState, TrelloEvents>({
  title: 'Trello',
  setup: (options) => ({
    secrets: normalizeSecrets(options.secret, 'Trello'),
    callbackUrl: checkCallbackUrl(options.callbackUrl),
  }),
  // Trello creates a webhook only after a HEAD to the callback URL answers 200; it carries nothing.
  handshake: (request) => (request.method === 'HEAD' ? { status: 200 } : undefined),
  verify: (request, { state }) =>
    verifyTrelloSignature(request, state.secrets, state.callbackUrl ?? request.url),
  parse: parseTrelloEvent,
});

function checkCallbackUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !URL.canParse(value)) {
    throw new WebhookConfigError(
      'Trello: `callbackUrl` must be the absolute URL the webhook was registered with.',
    );
  }
  return value; // verbatim: Trello signs the string as registered, not a normalised form.
}
