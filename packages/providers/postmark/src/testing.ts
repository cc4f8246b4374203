import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';

export interface CreatePostmarkRequestInput {
  username: string;
  password: string;
  /** A payload to serialise (e.g. `{ RecordType: 'Bounce', … }`), or the exact body bytes. */
  payload?: unknown;
  body?: string | Uint8Array;
  url?: string;
}

/** Builds a `WebhookRequest` as Postmark sends it to a URL with Basic credentials, for testing your handlers. */
export function createPostmarkRequest(input: CreatePostmarkRequestInput): WebhookRequest {
  const body = input.body ?? JSON.stringify(input.payload ?? { RecordType: 'Delivery', MessageID: 'test' });
  const credentials = Buffer.from(`${input.username}:${input.password}`).toString('base64');
  return createWebhookRequest({
    url: input.url,
    body,
    headers: { 'content-type': 'application/json', authorization: `Basic ${credentials}` },
  });
}
