import { createWebhookRequest, type WebhookRequest } from '@hookwire/core';
import type { KuduNotification } from './events.js';

export interface CreateKuduRequestInput {
  code: string;
  payload?: Partial<KuduNotification>;
  body?: string | Uint8Array;
  /** Base URL without the query (default `https://example.com/webhooks/kudu`). */
  url?: string;
}

/** Builds a `WebhookRequest` as Kudu posts it to a URL registered with `?code=`. */
export function createKuduRequest(input: CreateKuduRequestInput): WebhookRequest {
  const url = new URL(input.url ?? 'https://example.com/webhooks/kudu');
  url.searchParams.set('code', input.code);
  const payload = { status: 'success', complete: true, ...input.payload };
  return createWebhookRequest({
    url: url.href,
    body: input.body ?? JSON.stringify(payload),
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
