import { randomUUID } from 'node:crypto';
import { createHmacSignedRequest, type SignerInput, type WebhookRequest } from '@hookwire/core';

export interface SignSentryRequestInput extends SignerInput {
  /** The `Sentry-Hook-Resource` header: `issue`, `installation`, `event_alert`, `metric_alert`, `error`, `comment`. */
  resource: string;
  /** The body's `action` (`created`), used when `body` is not given. */
  action?: string;
  /** The body's `data`, used when `body` is not given. */
  data?: unknown;
  requestId?: string;
  /** Unix seconds for `Sentry-Hook-Timestamp` (default: now). */
  timestamp?: number;
}

/** Builds a `WebhookRequest` signed as Sentry signs it, for testing your handlers. */
export function signSentryRequest(input: SignSentryRequestInput): WebhookRequest {
  return createHmacSignedRequest(input, {
    header: 'sentry-hook-signature',
    payload: {
      action: input.action ?? 'created',
      installation: { uuid: randomUUID() },
      data: input.data ?? {},
      actor: { type: 'application', id: 'sentry', name: 'Sentry' },
    },
    headers: {
      'request-id': input.requestId ?? randomUUID().replaceAll('-', ''),
      'sentry-hook-resource': input.resource,
      'sentry-hook-timestamp': String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    },
  });
}
