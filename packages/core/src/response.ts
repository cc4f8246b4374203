import { isWebhookError } from './errors.js';
import { jsonResponse } from './request.js';
import type { WebhookResponse } from './types.js';

/** Every error answer has this one JSON shape: `{ error: { code, message } }`. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): WebhookResponse {
  return jsonResponse(status, { error: { code, message } }, headers);
}

/**
 * The answer for a failure: a `WebhookError` keeps its status, code and message; anything else is a
 * 500 that says nothing about internals.
 */
export function webhookErrorResponse(error: unknown, headers?: Record<string, string>): WebhookResponse {
  if (!isWebhookError(error)) {
    return errorResponse(500, 'internal_error', 'The webhook could not be processed.');
  }
  return errorResponse(error.status, error.code, error.message, headers);
}

/** True for a full response object (what a handler may return to answer the provider itself). */
export function isWebhookResponse(value: unknown): value is WebhookResponse {
  return typeof value === 'object' && value !== null && typeof (value as WebhookResponse).status === 'number';
}
