import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignAirtableRequestInput {
  /** The webhook's `macSecretBase64`, as Airtable returns it. */
  secret: string;
  baseId?: string;
  webhookId?: string;
  timestamp?: string;
  /** The exact body bytes, instead of the generated notification. */
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a notification ping signed as Airtable signs them, for testing your handlers. */
export function signAirtableRequest(input: SignAirtableRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify({
      base: { id: input.baseId ?? 'app00000000000000' },
      webhook: { id: input.webhookId ?? 'ach00000000000000' },
      timestamp: input.timestamp ?? new Date().toISOString(),
    });
  const key = Buffer.from(input.secret, 'base64');
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Airtable Webhooks',
      'x-airtable-content-mac': `hmac-sha256=${hmacHex('sha256', key, body)}`,
    },
  });
}
