import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';

export interface SignSquareRequestInput {
  /** The subscription's signature key. */
  secret: string;
  /** The notification URL configured on the subscription (also used as the request URL). */
  notificationUrl: string;
  /** A notification to serialise, or the exact body; `event_id` is filled in when absent. */
  payload?: Record<string, unknown>;
  body?: string | Uint8Array;
  /** Also send the legacy SHA-1 header. */
  sha1?: boolean;
}

/** Builds a `WebhookRequest` signed as Square signs webhook notifications. */
export function signSquareRequest(input: SignSquareRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify({ event_id: randomUUID(), ...input.payload });
  return createWebhookRequest({
    url: input.notificationUrl,
    body,
    headers: {
      'content-type': 'application/json',
      'x-square-hmacsha256-signature': hmacBase64('sha256', input.secret, input.notificationUrl, body),
      ...(input.sha1
        ? { 'x-square-signature': hmacBase64('sha1', input.secret, input.notificationUrl, body) }
        : {}),
    },
  });
}
