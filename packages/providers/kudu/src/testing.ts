import { createCodeRequest, type WebhookRequest } from '@hookwire/core';
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
  return createCodeRequest(input, {
    path: 'kudu',
    payload: { status: 'success', complete: true, ...input.payload },
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
