import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignPaddleRequestInput {
  /** The destination's secret key; several give one `h1` each, as during a rotation. */
  secret: string | string[];
  /** A notification to serialise (`event_id`, `notification_id` and `occurred_at` are filled in when absent), or the exact body. */
  payload?: Record<string, unknown>;
  body?: string | Uint8Array;
  /** Unix seconds (default: now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Paddle Billing signs notifications. */
export function signPaddleRequest(input: SignPaddleRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify({
      event_id: `evt_${randomUUID().replaceAll('-', '')}`,
      notification_id: `ntf_${randomUUID().replaceAll('-', '')}`,
      occurred_at: new Date().toISOString(),
      ...input.payload,
    });
  const ts = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  const h1 = secrets.map((secret) => `h1=${hmacHex('sha256', secret, `${ts}:`, body)}`);
  return createWebhookRequest({
    url: input.url,
    body,
    headers: { 'content-type': 'application/json', 'paddle-signature': [`ts=${ts}`, ...h1].join(';') },
  });
}
