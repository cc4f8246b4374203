import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignCalendlyRequestInput {
  secret: string;
  /** The body's `event`, e.g. `invitee.created`, used when `body` is not given. */
  event?: string;
  /** The body's `payload`, used when `body` is not given. */
  payload?: unknown;
  /** The exact body bytes; overrides `event` and `payload`. */
  body?: string | Uint8Array;
  /** Signing time in Unix seconds (default: now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Calendly signs it, for testing your handlers. */
export function signCalendlyRequest(input: SignCalendlyRequestInput): WebhookRequest {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const body =
    input.body ??
    JSON.stringify({
      created_at: new Date(timestamp * 1000).toISOString(),
      created_by: 'https://api.calendly.com/users/TEST',
      event: input.event ?? 'invitee.created',
      payload: input.payload ?? {},
    });
  const signature = hmacHex('sha256', input.secret, `${timestamp}.`, body);
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'calendly-webhook-signature': `t=${timestamp},v1=${signature}`,
    },
  });
}
