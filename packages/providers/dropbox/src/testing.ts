import {
  createHmacSignedRequest,
  createWebhookRequest,
  type SignerInput,
  type WebhookRequest,
} from '@hookwire/core';
import type { DropboxNotification } from './events.js';

export interface SignDropboxRequestInput extends SignerInput {
  /** The app secret the receiver is configured with. */
  secret: string;
  /** A notification to serialise (default: one account in `list_folder` and `delta`), or the exact body. */
  payload?: DropboxNotification;
}

/** Builds a notification `WebhookRequest` signed as Dropbox signs it, for testing your handlers. */
export function signDropboxRequest(input: SignDropboxRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'x-dropbox-signature',
    payload: input.payload ?? { list_folder: { accounts: ['dbid:test-account'] }, delta: { users: [1] } },
    headers: { 'user-agent': 'DropboxWebhooks/1.0' },
  });
}

/** The `GET ?challenge=` request Dropbox sends when a webhook URL is added. */
export function createDropboxChallengeRequest(
  challenge: string,
  url = 'https://example.com/webhooks/dropbox',
): WebhookRequest {
  const target = new URL(url);
  target.searchParams.set('challenge', challenge);
  return createWebhookRequest({ method: 'GET', url: target.toString() });
}
