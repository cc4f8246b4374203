import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacBase64, type WebhookRequest } from '@hookwire/core';

export interface SignZendeskRequestInput {
  secret: string;
  /** A JSON body to serialise, or the exact body (empty for GET and DELETE). */
  payload?: unknown;
  body?: string | Uint8Array;
  method?: string;
  contentType?: string;
  /** ISO 8601 time (default: now, to the second). */
  timestamp?: string;
  invocationId?: string;
  webhookId?: string;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Zendesk signs a webhook request. */
export function signZendeskRequest(input: SignZendeskRequestInput): WebhookRequest {
  const body = input.body ?? (input.payload === undefined ? '' : JSON.stringify(input.payload));
  const timestamp = input.timestamp ?? `${new Date().toISOString().slice(0, 19)}Z`;
  return createWebhookRequest({
    method: input.method ?? 'POST',
    url: input.url,
    body,
    headers: {
      ...(body.length === 0 ? {} : { 'content-type': input.contentType ?? 'application/json' }),
      'x-zendesk-account-id': '1234567',
      'x-zendesk-webhook-id': input.webhookId ?? '01GEXAMPLEWEBHOOK00000000',
      'x-zendesk-webhook-invocation-id': input.invocationId ?? randomUUID(),
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': hmacBase64('sha256', input.secret, timestamp, body),
    },
  });
}
