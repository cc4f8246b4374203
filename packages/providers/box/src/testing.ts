import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';

export interface SignBoxRequestInput {
  primaryKey: string;
  secondaryKey?: string;
  /** A payload to serialise, or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  /** When the delivery was sent (default: now). */
  timestamp?: Date | string;
  deliveryId?: string;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Box signs V2 deliveries, for testing your handlers. */
export function signBoxRequest(input: SignBoxRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? {});
  const timestamp =
    typeof input.timestamp === 'string'
      ? input.timestamp
      : (input.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sign = (key: string) => hmacBase64('sha256', key, body, timestamp);
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'user-agent': 'Box-WH-Client/0.1',
      'box-delivery-id': input.deliveryId ?? randomUUID(),
      'box-delivery-timestamp': timestamp,
      'box-signature-version': '1',
      'box-signature-algorithm': 'HmacSHA256',
      'box-signature-primary': sign(input.primaryKey),
      ...(input.secondaryKey ? { 'box-signature-secondary': sign(input.secondaryKey) } : {}),
    },
  });
}
