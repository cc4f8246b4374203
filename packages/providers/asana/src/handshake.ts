import { getHeader, WebhookError, type WebhookRequest, type WebhookResponse } from '@hookwire/core';
import type { AsanaOptions } from './options.js';

export const HOOK_SECRET = 'X-Hook-Secret';

/** The handshake's secret when the request is Asana's confirmation handshake. */
export function handshakeSecret(request: WebhookRequest): string | undefined {
  return getHeader(request, HOOK_SECRET);
}

/**
 * Answers the handshake: hands the secret to `onHandshake` (which may refuse it), then echoes it in
 * the `X-Hook-Secret` response header, which is how Asana learns the endpoint expected this webhook.
 */
export async function answerHandshake(
  secret: string,
  request: WebhookRequest,
  onHandshake: AsanaOptions['onHandshake'],
): Promise<WebhookResponse> {
  if (secret.trim() === '') {
    throw new WebhookError('malformed_header', `The ${HOOK_SECRET} header of the handshake is empty.`);
  }
  if (onHandshake && (await onHandshake(secret, request)) === false) {
    throw new WebhookError(
      'unauthorized',
      'This Asana webhook handshake was refused by onHandshake (no webhook creation was expected).',
      { status: 403 },
    );
  }
  return { status: 200, headers: { 'x-hook-secret': secret } };
}
