import { searchParams, textResponse, type WebhookRequest, type WebhookResponse } from '@hookwire/core';

/**
 * Dropbox proves the URL with `GET ?challenge=<random>` and expects the value echoed. The reply is
 * plain text with `nosniff`, as Dropbox asks, so an echoed value can never be rendered as HTML.
 */
export function answerDropboxChallenge(request: WebhookRequest): WebhookResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const challenge = searchParams(request).get('challenge');
  if (challenge === null) return undefined;
  return textResponse(200, challenge, { 'x-content-type-options': 'nosniff' });
}
