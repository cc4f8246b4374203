import { isRecord, parseJsonBody } from './body.js';
import { WebhookError } from './errors.js';
import type { WebhookRequest } from './types.js';

/** Parses the body as a JSON object; anything else (an array, a string) is a `malformed_body` error. */
export function parseJsonObject(request: WebhookRequest, provider: string): Record<string, unknown> {
  const payload = parseJsonBody(request, provider);
  if (!isRecord(payload))
    throw new WebhookError('malformed_body', `The ${provider} webhook body is not a JSON object.`);
  return payload;
}
