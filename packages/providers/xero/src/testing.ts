import { randomBytes } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';
import type { XeroWebhookEvent } from './events.js';

export interface SignXeroRequestInput extends SignerInput {
  /** Events to wrap in a Xero batch (default none: an "intent to receive" request). */
  events?: Partial<XeroWebhookEvent>[];
}

/** Builds a `WebhookRequest` signed as Xero signs webhooks, for testing your handlers. */
export function signXeroRequest(input: SignXeroRequestInput): WebhookRequest {
  const events = input.events ?? [];
  return createHmacSignedRequest(input, {
    header: 'x-xero-signature',
    encoding: 'base64',
    payload: {
      events,
      firstEventSequence: events.length ? 1 : 0,
      lastEventSequence: events.length,
      entropy: randomBytes(10).toString('hex').toUpperCase(),
    },
    headers: {
      'content-type': 'application/json; charset=utf-8',
    },
  });
}
