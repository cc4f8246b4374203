import { createCodeRequest, type WebhookRequest } from '@hookwire/core';

export interface CreateGenericJsonRequestInput {
  code: string;
  /** The event name, sent as `?action=` (omit for the default `change`). */
  action?: string;
  payload?: unknown;
  body?: string | Uint8Array;
  /** Base URL without the query (default `https://example.com/webhooks/generic-json`). */
  url?: string;
}

/** Builds a `WebhookRequest` as an IFTTT- or Zapier-style sender posts it: JSON, with `?code=` (and `&action=`). */
export function createGenericJsonRequest(input: CreateGenericJsonRequestInput): WebhookRequest {
  return createCodeRequest(input, {
    path: 'generic-json',
    payload: input.payload,
    query: { action: input.action },
  });
}
