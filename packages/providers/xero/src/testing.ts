import { randomBytes } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';
import type { XeroWebhookEvent } from './events.js';

export interface SignXeroRequestInput {
  secret: string;
  /** Events to wrap in a Xero batch (default none: an "intent to receive" request). */
  events?: Partial<XeroWebhookEvent>[];
  /** The exact body bytes, instead of `events`. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Xero signs webhooks, for testing your handlers. */
export function signXeroRequest(input: SignXeroRequestInput): WebhookRequest {
  const events = input.events ?? [];
  const body =
    input.body ??
    JSON.stringify({
      events,
      firstEventSequence: events.length ? 1 : 0,
      lastEventSequence: events.length,
      entropy: randomBytes(10).toString('hex').toUpperCase(),
    });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-xero-signature': hmacBase64('sha256', input.secret, body),
    },
  });
}
