import {
  searchParams,
  textResponse,
  timingSafeEqual,
  type WebhookRequest,
  type WebhookResponse,
} from '@hookwire/core';

/**
 * Meta's verification request: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`, sent
 * whenever the callback URL or verify token is saved. Answered with the challenge as plain text when
 * the token matches, 403 otherwise.
 */
export function answerMetaVerification(
  request: WebhookRequest,
  verifyTokens: readonly string[],
): WebhookResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const query = searchParams(request);
  if (query.get('hub.mode') !== 'subscribe') return undefined;
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge');
  const matches = verifyTokens.map((known) => timingSafeEqual(known, token)).includes(true);
  if (!matches || !challenge) {
    return textResponse(
      403,
      'The hub.verify_token does not match the verifyToken configured for this endpoint (or hub.challenge is missing).',
    );
  }
  // The challenge comes from the query string: send it back inert.
  return textResponse(200, challenge, { 'x-content-type-options': 'nosniff' });
}
