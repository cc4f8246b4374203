import { searchParams, textResponse, type WebhookRequest, type WebhookResponse } from '@hookwire/core';

/**
 * The sender verifies a new registration with `GET ?echo=<random>` and expects the value back as the
 * body. The request is unsigned and carries nothing else, so it is answered without a secret check.
 */
export function answerAspNetEcho(request: WebhookRequest): WebhookResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const echo = searchParams(request).get('echo');
  if (!echo) return undefined;
  // The value comes from the query string: send it back inert.
  return textResponse(200, echo, { 'x-content-type-options': 'nosniff' });
}
