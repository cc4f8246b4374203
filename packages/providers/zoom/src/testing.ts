import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignZoomRequestInput {
  /** The app's webhook Secret Token. */
  secret: string;
  /** The event name, e.g. `meeting.started` (ignored when `body` is given). */
  event?: string;
  /** The `payload` object of the body. */
  payload?: Record<string, unknown>;
  /** The exact body instead. */
  body?: string | Uint8Array;
  /** Unix seconds (default: now). */
  timestamp?: number;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Zoom signs webhooks. */
export function signZoomRequest(input: SignZoomRequestInput): WebhookRequest {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const body =
    input.body ??
    JSON.stringify({
      event: input.event ?? 'meeting.started',
      event_ts: Number(timestamp) * 1000,
      payload: input.payload ?? { account_id: 'test-account', object: {} },
    });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-zm-request-timestamp': timestamp,
      'x-zm-signature': `v0=${hmacHex('sha256', input.secret, `v0:${timestamp}:`, body)}`,
      'x-zm-trackingid': `v=2.0;clid=us;rid=${randomUUID()}`,
    },
  });
}

/** A signed `endpoint.url_validation` request, as Zoom sends when the endpoint URL is saved. */
export function signZoomUrlValidation(input: {
  secret: string;
  plainToken?: string;
  timestamp?: number;
}): WebhookRequest {
  return signZoomRequest({
    secret: input.secret,
    event: 'endpoint.url_validation',
    payload: { plainToken: input.plainToken ?? randomUUID().replaceAll('-', '') },
    ...(input.timestamp === undefined ? {} : { timestamp: input.timestamp }),
  });
}
