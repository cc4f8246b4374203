import { type CodeRequestInput, createCodeRequest, type WebhookRequest } from '@hookwire/core';

export interface CreateGenericJsonRequestInput extends CodeRequestInput {
  code: string;
  /** The event name, sent as `?action=` (omit for the default `change`). */
  action?: string;
  payload?: unknown;
}

/** Builds a `WebhookRequest` as an IFTTT- or Zapier-style sender posts it: JSON, with `?code=` (and `&action=`). */
export function createGenericJsonRequest(input: CreateGenericJsonRequestInput): WebhookRequest {
  return createCodeRequest(input, {
    path: 'generic-json',
    payload: input.payload,
    query: { action: input.action },
  });
}
