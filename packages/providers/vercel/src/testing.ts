import { randomUUID } from 'node:crypto';
import { createWebhookRequest, hmacHex, type WebhookRequest } from '@hookwire/core';

export interface SignVercelRequestInput {
  secret: string;
  /** The event `type`, e.g. `deployment.succeeded`, used when `body` is not given. */
  type?: string;
  /** The event's `payload` object, used when `body` is not given. */
  payload?: unknown;
  /** The exact body bytes; overrides `type` and `payload`. */
  body?: string | Uint8Array;
  id?: string;
  url?: string;
}

/** Builds a `WebhookRequest` signed as Vercel signs it, for testing your handlers. */
export function signVercelRequest(input: SignVercelRequestInput): WebhookRequest {
  const body =
    input.body ??
    JSON.stringify({
      id: input.id ?? randomUUID(),
      type: input.type ?? 'deployment.created',
      createdAt: Date.now(),
      payload: input.payload ?? {},
    });
  return createWebhookRequest({
    url: input.url,
    body,
    headers: {
      'content-type': 'application/json',
      'x-vercel-signature': hmacHex('sha1', input.secret, body),
    },
  });
}
