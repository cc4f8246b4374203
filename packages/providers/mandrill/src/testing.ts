import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import { mandrillSignedData } from './signature.js';

export interface SignMandrillRequestInput {
  /** The webhook key. */
  secret: string;
  /** The webhook URL as registered at Mandrill (also the request URL). */
  url: string;
  /** Events to send as `mandrill_events` (default none). */
  events?: unknown[];
  /** Extra or replacement form fields, instead of `events`. */
  fields?: Record<string, string>;
}

/** Builds a webhook POST signed as Mandrill signs them, for testing your handlers. */
export function signMandrillRequest(input: SignMandrillRequestInput): WebhookRequest {
  const form = new URLSearchParams(input.fields ?? { mandrill_events: JSON.stringify(input.events ?? []) });
  const signature = hmacBase64('sha1', input.secret, mandrillSignedData(input.url, form));
  return createWebhookRequest({
    url: input.url,
    body: form.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Mandrill-Webhook/1.0',
      'x-mandrill-signature': signature,
    },
  });
}
